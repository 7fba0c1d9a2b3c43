// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deterministic mutation fuzzer of the QMAP codec, built in userspace with
 * AddressSanitizer and UBSan: every buffer handed to the codec is a heap
 * block of exactly its length, so a read or write outside it is reported
 * by ASan, and the invariants of qmap.h are asserted on every result.
 *
 *   qmap_fuzz [-n ITERATIONS] [-s SEED]
 *
 * Inputs: random bytes, random sequences of well-formed records, and the
 * golden vectors, each mutated (bit flips, byte values, length and flag
 * fields, splices, truncation) and parsed with every format. Exits 1 on
 * the first violation, with the seed and iteration to replay it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../qmap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#include "../qmap_vectors.h"

#define MAX_BUF		4096

static u64 rng_state;
static unsigned long iteration;
static unsigned long long seed;
static unsigned long nr_status[QMAP_RX_NR_STATUS];
static unsigned long nr_csum[3];
static unsigned long nr_records, nr_replies, nr_ul, nr_oracle;

/* xorshift64*: small, fast and the same everywhere. */
static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static u32 rnd_below(u32 n)
{
	return n ? (u32)(rnd() % n) : 0;
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "qmap_fuzz: seed %llu iteration %lu: ", seed, iteration);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xmalloc(size_t n)
{
	/* malloc(0) may return NULL: keep one byte, never handed out. */
	void *p = malloc(n ? n : 1);

	if (!p) {
		perror("malloc");
		exit(2);
	}
	return p;
}

static enum qmap_format rnd_fmt(void)
{
	return (enum qmap_format)rnd_below(3);
}

/* A well-formed record (or a near miss) of @fmt appended at @p. */
static u32 gen_record(u8 *p, u32 room, enum qmap_format fmt)
{
	u32 ip_len = 1 + rnd_below(120), pad = rnd_below(4), n = 0, i;
	bool cmd = !rnd_below(4);
	u32 pkt_len = cmd ? QMAP_CMD_LEN + pad : ip_len + pad;
	u32 need = QMAP_HDR_LEN + pkt_len + QMAP_V4_TRAILER_LEN + 4;

	if (need > room)
		return 0;
	p[n++] = (cmd ? QMAP_FLAG_CMD : 0) | pad |
		 (fmt == QMAP_FORMAT_V5 && !cmd ? QMAP_FLAG_NEXT_HDR : 0);
	p[n++] = rnd_below(8) ? 1 + rnd_below(254) : (u8)rnd();
	put_unaligned_be16(pkt_len, p + n);
	n += 2;
	if (fmt == QMAP_FORMAT_V5 && !cmd) {
		p[n++] = QMAP_V5_TYPE_CSUM << QMAP_V5_TYPE_SHIFT;
		p[n++] = rnd_below(2) ? QMAP_V5_CSUM_VALID : 0;
		p[n++] = 0;
		p[n++] = 0;
	}
	for (i = 0; i < pkt_len; i++)
		p[n + i] = (u8)rnd();
	if (cmd) {
		p[n] = rnd_below(4);
		p[n + 1] = rnd_below(5) ? QMAP_CMD_REQUEST : rnd_below(4);
	} else {
		/* IPv4 with a plausible header, or IPv6 */
		p[n] = rnd_below(2) ? 0x45 : 0x60;
		if (ip_len >= 4 && p[n] == 0x45)
			put_unaligned_be16(ip_len, p + n + 2);
		if (ip_len >= 10 && p[n] == 0x45)
			p[n + 9] = rnd_below(2) ? 6 : 17;
		if (ip_len >= 7 && p[n] == 0x60)
			p[n + 6] = rnd_below(2) ? 6 : 17;
	}
	n += pkt_len;
	if (fmt == QMAP_FORMAT_V4) {
		for (i = 0; i < QMAP_V4_TRAILER_LEN; i++)
			p[n + i] = (u8)rnd();
		p[n + 1] = rnd_below(2);
		n += QMAP_V4_TRAILER_LEN;
	}
	return n;
}

static const u8 interesting[] = { 0, 1, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xfe, 0xff };
static const u8 flag_bits[] = { QMAP_FLAG_CMD, QMAP_FLAG_NEXT_HDR, 1 };

static void mutate(u8 *b, u32 *len)
{
	u32 k, nr = rnd_below(6), i;

	for (k = 0; k < nr && *len; k++) {
		i = rnd_below(*len);
		switch (rnd_below(7)) {
		case 0:
			b[i] ^= 1 << rnd_below(8);
			break;
		case 1:
			b[i] = (u8)rnd();
			break;
		case 2:
			/* interesting values where lengths and flags live */
			b[i] = interesting[rnd_below(sizeof(interesting))];
			break;
		case 3:
			/* a length field grows or shrinks a little */
			if (i + 1 < *len)
				put_unaligned_be16(get_unaligned_be16(b + i) +
						   rnd_below(17) - 8, b + i);
			break;
		case 4:
			*len = rnd_below(*len + 1);
			break;
		case 5:
			/* duplicate a span over another place */
			if (*len > 1) {
				u32 src = rnd_below(*len), n = rnd_below(*len - src);

				if (i + n > *len)
					n = *len - i;
				memmove(b + i, b + src, n);
			}
			break;
		default:
			/* toggle cd / next-header / pad of a would-be header */
			b[i] ^= flag_bits[rnd_below(sizeof(flag_bits))];
			break;
		}
	}
}

static void check_reply(const u8 *req, u32 req_len, bool expect)
{
	u32 room = rnd_below(3) ? req_len : rnd_below(req_len + 8);
	u8 type = rnd_below(3) ? QMAP_CMD_ACK : rnd_below(6);
	u8 *out = xmalloc(room);
	u32 n, i;

	n = qmap_cmd_build_reply(out, room, req, req_len, type);
	nr_replies++;
	if (n > room || n > req_len)
		fail("reply of %u bytes, room %u, request %u", n, room, req_len);
	if (n) {
		if (type < QMAP_CMD_ACK || type > QMAP_CMD_INVALID)
			fail("reply with type %u", type);
		if (n != QMAP_HDR_LEN + (u32)get_unaligned_be16(req + 2))
			fail("reply of %u bytes for pkt_len %u", n,
			     get_unaligned_be16(req + 2));
		for (i = 0; i < n; i++) {
			u8 want = i == QMAP_HDR_LEN + 1 ?
				  (req[i] & ~0x03) | type : req[i];

			if (out[i] != want)
				fail("reply byte %u is %#x, not %#x", i, out[i], want);
		}
	} else if (expect && room >= req_len && type >= QMAP_CMD_ACK &&
		   type <= QMAP_CMD_INVALID) {
		fail("no reply to a command request with room for it");
	}
	free(out);
}

/* Parse all of @b with @fmt, checking every record. */
static void parse_all(const u8 *b, u32 len, enum qmap_format fmt)
{
	struct qmap_rx_record rec;
	u32 off = 0, next, nrec = 0;

	while (off < len) {
		next = qmap_rx_next(b, len, off, fmt, &rec);
		nr_records++;
		if (next <= off || next > len)
			fail("offset %u -> %u, len %u", off, next, len);
		if ((unsigned int)rec.status >= QMAP_RX_NR_STATUS)
			fail("status %d", rec.status);
		nr_status[rec.status]++;
		if (rec.frame != off || rec.frame + rec.frame_len != next)
			fail("record %u+%u, offset %u -> %u", rec.frame,
			     rec.frame_len, off, next);
		if (rec.status == QMAP_RX_TRUNCATED_HDR ||
		    rec.status == QMAP_RX_ZERO_LEN ||
		    rec.status == QMAP_RX_PAST_BUF) {
			if (next != len)
				fail("drop of the rest returned %u, len %u", next, len);
		}
		if (rec.status == QMAP_RX_DATA || rec.status == QMAP_RX_CMD) {
			if (!rec.data_len || rec.data < rec.frame ||
			    rec.data > rec.frame + rec.frame_len ||
			    rec.data_len > rec.frame + rec.frame_len - rec.data)
				fail("data %u+%u outside record %u+%u", rec.data,
				     rec.data_len, rec.frame, rec.frame_len);
			if (rec.mux_id < QMAP_MUX_MIN || rec.mux_id > QMAP_MUX_MAX)
				fail("usable record with mux %u", rec.mux_id);
		} else if (rec.data || rec.data_len) {
			fail("status %d with data %u+%u", rec.status, rec.data,
			     rec.data_len);
		}
		if ((unsigned int)rec.csum > QMAP_CSUM_INVALID)
			fail("csum %d", rec.csum);
		if (rec.status != QMAP_RX_DATA && rec.csum != QMAP_CSUM_NONE)
			fail("status %d with csum %d", rec.status, rec.csum);
		if (rec.status == QMAP_RX_DATA) {
			u8 v = b[rec.data] >> 4;

			nr_csum[rec.csum]++;
			if (v != 4 && v != 6)
				fail("data of IP version %u", v);
			if (fmt == QMAP_FORMAT_PLAIN && rec.csum != QMAP_CSUM_NONE)
				fail("plain QMAP with a checksum state");
		}
		if (rec.status == QMAP_RX_CMD) {
			if (rec.data_len < QMAP_CMD_LEN ||
			    (rec.cmd_name != QMAP_CMD_FLOW_DISABLE &&
			     rec.cmd_name != QMAP_CMD_FLOW_ENABLE))
				fail("command %u of %u bytes", rec.cmd_name,
				     rec.data_len);
			check_reply(b + rec.frame, rec.frame_len, true);
		} else if (rec.status >= QMAP_RX_BAD_PAD && rnd_below(4) == 0) {
			check_reply(b + rec.frame, rec.frame_len, false);
		}
		off = next;
		if (++nrec > len)
			fail("more records than bytes");
	}
}

/* Parse @src[0, len) from an exactly sized heap copy, with every format. */
static void parse_copy(const u8 *src, u32 len)
{
	u8 *b = xmalloc(len);
	enum qmap_format fmt;

	memcpy(b, src, len);
	for (fmt = QMAP_FORMAT_PLAIN; fmt <= QMAP_FORMAT_V5; fmt++)
		parse_all(b, len, fmt);
	/* A record parsed twice is parsed the same. */
	if (len) {
		struct qmap_rx_record r1, r2;

		fmt = rnd_fmt();
		qmap_rx_next(b, len, 0, fmt, &r1);
		qmap_rx_next(b, len, 0, fmt, &r2);
		if (memcmp(&r1, &r2, sizeof(r1)))
			fail("the same record parsed twice differs");
	}
	/* Requests at random places too, not only where the parser says. */
	if (len && !rnd_below(4)) {
		u32 o = rnd_below(len);

		check_reply(b + o, len - o, false);
	}
	free(b);
}

/* UL headers: exact length, never past it, and DL-parseable when plain/v5. */
static void check_ul(void)
{
	enum qmap_format fmt = (enum qmap_format)rnd_below(4);
	u32 ip_len = rnd_below(8) ? 1 + rnd_below(200) : (u32)rnd() & 0x1ffff;
	u8 mux = rnd_below(8) ? 1 + rnd_below(254) : (u8)rnd();
	struct qmap_ul_csum cs = {
		.start = rnd_below(64), .offset = rnd_below(4) ? rnd_below(20) : (u16)rnd(),
		.udp = rnd_below(2),
	};
	u32 hlen = qmap_ul_hdr_len(fmt), n;
	bool with = rnd_below(2);
	struct qmap_rx_record rec;
	u8 *f;

	nr_ul++;
	if (fmt > QMAP_FORMAT_V5 ? hlen != 0 :
	    hlen != (fmt == QMAP_FORMAT_PLAIN ? 4U : 8U))
		fail("UL header length %u for format %d", hlen, fmt);
	if (!hlen || ip_len > 2000) {
		f = xmalloc(8);
		n = qmap_ul_build_hdr(f, mux, ip_len, fmt, with ? &cs : NULL);
		if (n && (!hlen || ip_len > U16_MAX))
			fail("UL header of %u bytes for format %d, length %u",
			     n, fmt, ip_len);
		free(f);
		return;
	}
	f = xmalloc(hlen + ip_len);
	memset(f + hlen, 0, ip_len);
	if (ip_len)
		f[hlen] = 0x45;
	n = qmap_ul_build_hdr(f, mux, ip_len, fmt, with ? &cs : NULL);
	if (n && n != hlen)
		fail("UL header of %u bytes, not %u", n, hlen);
	if (n && (mux < QMAP_MUX_MIN || mux > QMAP_MUX_MAX))
		fail("UL header for mux %u", mux);
	if (!n && ip_len && QMAP_MUX_MIN <= mux && mux <= QMAP_MUX_MAX &&
	    (!with || fmt == QMAP_FORMAT_V5))
		fail("no UL header for mux %u format %d", mux, fmt);
	if (n && fmt != QMAP_FORMAT_V4) {
		/* The DL parser reads plain and MAPv5 UL frames back. */
		if (qmap_rx_next(f, hlen + ip_len, 0, fmt, &rec) != hlen + ip_len ||
		    rec.status != QMAP_RX_DATA || rec.mux_id != mux ||
		    rec.data != hlen || rec.data_len != ip_len)
			fail("UL frame (format %d) parsed back as status %d", fmt,
			     rec.status);
	}
	free(f);
}

static void check_agg(void)
{
	struct qmap_agg agg = {
		.max_bytes = rnd_below(4) ? rnd_below(5000) : (u32)rnd(),
		.max_frames = rnd_below(66),
	};
	u32 k, fl;

	for (k = 0; k < 100; k++) {
		fl = rnd_below(8) ? 1 + rnd_below(1600) : (u32)rnd();
		if (!qmap_agg_fits(&agg, fl)) {
			if (fl && agg.frames < agg.max_frames &&
			    (u64)agg.len + fl <= agg.max_bytes)
				fail("agg: %u bytes do not fit %u/%u", fl,
				     agg.len, agg.max_bytes);
			if (agg.frames) {
				qmap_agg_reset(&agg);
				continue;
			}
		} else if ((u64)agg.len + fl > agg.max_bytes ||
			   agg.frames >= agg.max_frames) {
			fail("agg: %u bytes fit %u/%u, %u/%u frames", fl,
			     agg.len, agg.max_bytes, agg.frames, agg.max_frames);
		}
		if (qmap_agg_add(&agg, fl)) {
			qmap_agg_reset(&agg);
		} else if (agg.frames >= agg.max_frames ||
			   agg.max_bytes - agg.len < QMAP_AGG_MIN_FRAME ||
			   !qmap_agg_fits(&agg, QMAP_AGG_MIN_FRAME)) {
			fail("agg: not full at %u/%u bytes, %u/%u frames",
			     agg.len, agg.max_bytes, agg.frames, agg.max_frames);
		}
	}
}

/*
 * Internet checksum the textbook way, independent of the codec's: sum
 * even bytes as high halves and odd ones as low halves, then fold.
 */
static u32 oracle_sum(u32 sum, const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		sum += i & 1 ? p[i] : (u32)p[i] << 8;
	return sum;
}

static u16 oracle_fold(u32 sum)
{
	while (sum > 0xffff)
		sum = (sum >> 16) + (sum & 0xffff);
	return sum;
}

/*
 * A MAPv4 record whose TCP or UDP checksum is computed here, one payload
 * byte then perhaps corrupted, and a trailer the honest modem would write,
 * ~S(packet): VALID exactly when nothing was corrupted.
 */
static void check_v4_oracle(void)
{
	bool v6 = rnd_below(2), udp = rnd_below(2), bad = rnd_below(2);
	u32 hl = v6 ? 40 : 20, th = udp ? 8 : 20, pay = rnd_below(100);
	u32 tl = th + pay, ip_len = hl + tl, flen, i;
	u32 pad = rnd_below(4), pkt_len = ip_len + pad, sum;
	u8 *ip, *f, proto = udp ? 17 : 6;
	struct qmap_rx_record rec;
	u16 csum;

	flen = QMAP_HDR_LEN + pkt_len + QMAP_V4_TRAILER_LEN;
	f = xmalloc(flen);
	for (i = 0; i < flen; i++)
		f[i] = (u8)rnd();
	f[0] = pad;
	f[1] = 1 + rnd_below(254);
	put_unaligned_be16(pkt_len, f + 2);
	ip = f + QMAP_HDR_LEN;
	if (v6) {
		ip[0] = 0x60;
		put_unaligned_be16(tl, ip + 4);
		ip[6] = proto;
		/* pseudo header: addresses, length, protocol */
		sum = oracle_sum(0, ip + 8, 32) + tl + proto;
	} else {
		ip[0] = 0x45;
		put_unaligned_be16(ip_len, ip + 2);
		put_unaligned_be16(0, ip + 6);
		ip[9] = proto;
		put_unaligned_be16(0, ip + 10);
		put_unaligned_be16(~oracle_fold(oracle_sum(0, ip, 20)), ip + 10);
		sum = oracle_sum(0, ip + 12, 8) + tl + proto;
	}
	/* transport checksum field zeroed, summed, filled in */
	put_unaligned_be16(0, ip + hl + (udp ? 6 : 16));
	if (udp)
		put_unaligned_be16(tl, ip + hl + 4);
	csum = ~oracle_fold(oracle_sum(sum, ip + hl, tl));
	if (udp && !csum)
		csum = 0xffff;
	put_unaligned_be16(csum, ip + hl + (udp ? 6 : 16));
	if (bad) {
		/* any byte of the segment but the checksum field itself */
		i = hl + rnd_below(tl);
		if (i == hl + (udp ? 6 : 16) || i == hl + (udp ? 7 : 17))
			i = hl;
		ip[i] ^= 1 + rnd_below(255);
	}
	f[QMAP_HDR_LEN + pkt_len] = 0;
	f[QMAP_HDR_LEN + pkt_len + 1] = QMAP_V4_TRAILER_VALID;
	put_unaligned_be16(~oracle_fold(oracle_sum(0, ip, ip_len)),
			   f + QMAP_HDR_LEN + pkt_len + 6);

	if (qmap_rx_next(f, flen, 0, QMAP_FORMAT_V4, &rec) != flen ||
	    rec.status != QMAP_RX_DATA ||
	    rec.csum != (bad ? QMAP_CSUM_INVALID : QMAP_CSUM_VALID))
		fail("v4 oracle (%s %s, %u bytes, %s): status %d csum %d",
		     v6 ? "IPv6" : "IPv4", udp ? "UDP" : "TCP", ip_len,
		     bad ? "corrupted" : "intact", rec.status, rec.csum);
	nr_oracle++;
	free(f);
}

/* The golden vectors parse as written down, before any fuzzing. */
static void check_golden(void)
{
	const struct qmap_golden *g;
	struct qmap_rx_record rec;
	u32 off, k;

	for (g = qmap_golden; g < qmap_golden + ARRAY_SIZE(qmap_golden); g++) {
		u8 *b = xmalloc(g->len);

		memcpy(b, g->buf, g->len);
		for (off = 0, k = 0; off < g->len; k++) {
			const struct qmap_golden_rec *w;

			if (k >= g->nr_recs)
				fail("golden %s: more than %u records", g->name,
				     g->nr_recs);
			w = &g->recs[k];
			off = qmap_rx_next(b, g->len, off, g->fmt, &rec);
			if (rec.status != w->status || rec.mux_id != w->mux_id ||
			    rec.frame != w->frame || rec.frame_len != w->frame_len ||
			    rec.data != w->data || rec.data_len != w->data_len ||
			    rec.csum != w->csum || rec.cmd_name != w->cmd_name)
				fail("golden %s #%u: %s mux %u %u+%u data %u+%u csum %d cmd %u",
				     g->name, k, qmap_rx_status_name(rec.status),
				     rec.mux_id, rec.frame, rec.frame_len, rec.data,
				     rec.data_len, rec.csum, rec.cmd_name);
		}
		if (k != g->nr_recs)
			fail("golden %s: %u records, not %u", g->name, k, g->nr_recs);
		free(b);
	}
}

int main(int argc, char **argv)
{
	unsigned long iterations = 200000, i;
	static u8 buf[MAX_BUF];
	int opt;
	u32 len, n;

	seed = 1;
	while ((opt = getopt(argc, argv, "n:s:")) != -1) {
		switch (opt) {
		case 'n':
			iterations = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr, "usage: %s [-n ITERATIONS] [-s SEED]\n", argv[0]);
			return 2;
		}
	}
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;

	check_golden();
	for (i = 0; i < iterations; i++) {
		iteration = i;
		len = 0;
		switch (rnd_below(4)) {
		case 0:
			/* random bytes */
			len = rnd_below(256);
			for (n = 0; n < len; n++)
				buf[n] = (u8)rnd();
			break;
		case 1:
			/* well-formed records of one format, mixed */
			do {
				n = gen_record(buf + len, MAX_BUF - len, rnd_fmt());
				len += n;
			} while (n && rnd_below(6));
			break;
		default:
			/* golden vectors back to back */
			do {
				const struct qmap_golden *g =
					&qmap_golden[rnd_below(ARRAY_SIZE(qmap_golden))];

				if (len + g->len > MAX_BUF)
					break;
				memcpy(buf + len, g->buf, g->len);
				len += g->len;
			} while (rnd_below(3));
			break;
		}
		mutate(buf, &len);
		parse_copy(buf, len);
		check_ul();
		check_agg();
		check_v4_oracle();
	}

	printf("qmap_fuzz: seed %llu, %lu iterations, %lu records\n", seed,
	       iterations, nr_records);
	printf("  %lu replies, %lu UL headers, %lu checksum oracles\n",
	       nr_replies, nr_ul, nr_oracle);
	for (i = 0; i < QMAP_RX_NR_STATUS; i++) {
		printf("  %-16s %lu\n", qmap_rx_status_name(i), nr_status[i]);
		if (!nr_status[i])
			fail("status %s never seen", qmap_rx_status_name(i));
	}
	printf("  csum none/valid/invalid %lu/%lu/%lu\n", nr_csum[0], nr_csum[1],
	       nr_csum[2]);
	if (!nr_csum[QMAP_CSUM_VALID] || !nr_csum[QMAP_CSUM_INVALID])
		fail("a checksum state never seen");
	return 0;
}

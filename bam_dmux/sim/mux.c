// SPDX-License-Identifier: GPL-2.0-only
/*
 * QMAP sessions of the simulated modem: what QMI would set up on a real
 * one, and the UL side of MAP.
 *
 * - data_format stands in for WDA Set Data Format: per channel raw-IP,
 *   QMAP, QMAPv4 or QMAPv5, with the DL aggregation limits. As on
 *   firmware, QMAP is refused on a channel whose host OPEN did not
 *   negotiate dynamic MTU (real firmware then stops answering QMI) or that
 *   is not open; raw-IP is always taken. A restart or crash returns every
 *   channel to raw-IP.
 * - bind_mux / unbind_mux stand in for WDS Bind Mux Data Port: a mux id of
 *   a channel gets a modem-side peer, bdsim<ch>m<mux> (peer.c).
 * - flow sends a MAP flow-control command to the host; the host must
 *   answer with the same frame turned into an ACK. A mux whose
 *   FLOW_DISABLE the host acked must send nothing until it acked the
 *   FLOW_ENABLE.
 * - UL: a DMUX DATA frame on a QMAP channel holds one or more MAP frames
 *   back to back, each checked by bdsim_qmap_ul_rec(); data packets go to
 *   their mux's peer, ACKs close their flow command.
 */

#include <kunit/visibility.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/string.h>

#include "sim.h"

static const char * const bdsim_fmt_names[BDSIM_FMT_NUM] = {
	[BDSIM_FMT_RAW_IP]	= "raw-ip",
	[BDSIM_FMT_QMAP]	= "qmap",
	[BDSIM_FMT_QMAPV4]	= "qmapv4",
	[BDSIM_FMT_QMAPV5]	= "qmapv5",
};

/**
 * bdsim_fmt_name() - the data_format keyword of a format
 * @fmt: an &enum bdsim_fmt
 *
 * Return: the keyword.
 */
const char *bdsim_fmt_name(unsigned int fmt)
{
	return fmt < BDSIM_FMT_NUM ? bdsim_fmt_names[fmt] : "?";
}

/* The next blank-separated word of @s, or NULL at the end. */
static char *bdsim_mux_word(char **s)
{
	char *word;

	if (!*s)
		return NULL;
	*s = skip_spaces(*s);
	if (!**s)
		return NULL;
	word = strsep(s, " \t");
	return word;
}

/* A channel number. */
static int bdsim_mux_parse_ch(const char *word, unsigned int *ch)
{
	if (!word || kstrtouint(word, 10, ch) || *ch >= BDSIM_NUM_CH)
		return -EINVAL;
	return 0;
}

/* A mux id a session may use, 1..254. */
static int bdsim_mux_parse_mux(const char *word, u8 *mux)
{
	unsigned int v;

	if (!word || kstrtouint(word, 10, &v) || v < BDSIM_MUX_MIN ||
	    v > BDSIM_MUX_MAX)
		return -EINVAL;
	*mux = v;
	return 0;
}

/* Forget the flow state of one channel: a new format, a new session. */
static void bdsim_mux_flow_reset_locked(struct bdsim *sim, unsigned int ch)
{
	unsigned int i;

	bitmap_zero(sim->ch[ch].flow_off, BDSIM_MUX_IDS);
	for (i = 0; i < BDSIM_FLOW_PENDING; i++)
		if (sim->flow[i].ch == ch)
			sim->flow[i].used = false;
}

/**
 * bdsim_mux_forget_locked() - what a restart or crash makes QMI forget
 * @sim: the modem, lock held
 *
 * Every channel back to raw-IP with the default limits, no dynamic MTU,
 * no flow state, and the DL signal back to "small buffers". The mux
 * bindings stay: they are the tests' peers.
 */
void bdsim_mux_forget_locked(struct bdsim *sim)
{
	unsigned int ch;

	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		sim->ch[ch].dyn_mtu = false;
		sim->ch[ch].fmt = BDSIM_FMT_RAW_IP;
		sim->ch[ch].dl_max_size = 0;
		sim->ch[ch].dl_max_dgrams = BDSIM_DL_MAX_DGRAMS_DEFAULT;
		bdsim_mux_flow_reset_locked(sim, ch);
	}
	sim->dl_large = false;
	sim->dl_large_used = 0;
}

/* Parse "<ch> <format> [dl-max-size=N] [dl-max-datagrams=N]". */
static int bdsim_mux_format_parse(char *line, unsigned int *ch, int *fmt,
				  u32 *size, u32 *dgrams)
{
	char *word;
	u32 v;

	if (bdsim_mux_parse_ch(bdsim_mux_word(&line), ch))
		return -EINVAL;
	word = bdsim_mux_word(&line);
	*fmt = word ? match_string(bdsim_fmt_names, BDSIM_FMT_NUM, word) :
		      -EINVAL;
	if (*fmt < 0)
		return -EINVAL;

	while ((word = bdsim_mux_word(&line))) {
		/* The limits belong to QMAP aggregation only. */
		if (*fmt == BDSIM_FMT_RAW_IP)
			return -EINVAL;
		if (str_has_prefix(word, "dl-max-size=")) {
			if (kstrtou32(word + strlen("dl-max-size="), 10, &v) ||
			    v < BDSIM_DL_MAX_SIZE_MIN || v > BDSIM_DYN_MAX_SIZE)
				return -EINVAL;
			*size = v;
		} else if (str_has_prefix(word, "dl-max-datagrams=")) {
			if (kstrtou32(word + strlen("dl-max-datagrams="), 10,
				      &v) ||
			    !v || v > BDSIM_DL_MAX_DGRAMS_LIMIT)
				return -EINVAL;
			*dgrams = v;
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

/* One data_format line. */
static int bdsim_mux_format_line(struct bdsim *sim, char *line)
{
	u32 size = 0, dgrams = BDSIM_DL_MAX_DGRAMS_DEFAULT;
	struct bdsim_channel *c;
	enum bdsim_ctr refused;
	unsigned long flags;
	unsigned int ch;
	int fmt, err = 0;

	if (bdsim_mux_format_parse(line, &ch, &fmt, &size, &dgrams)) {
		bdsim_count(sim, BDSIM_CTR_DATA_FORMAT_INVALID);
		return -EINVAL;
	}

	c = &sim->ch[ch];
	spin_lock_irqsave(&sim->lock, flags);
	if (fmt != BDSIM_FMT_RAW_IP && !bdsim_ch_usable(sim, ch)) {
		refused = BDSIM_CTR_DATA_FORMAT_CLOSED;
		err = -ENOTCONN;
	} else if (fmt != BDSIM_FMT_RAW_IP && !c->dyn_mtu) {
		/* Real firmware hangs QMI here; the sim says no. */
		refused = BDSIM_CTR_DATA_FORMAT_NO_DYN_MTU;
		err = -EPROTO;
	} else {
		if (c->fmt != fmt)
			bdsim_mux_flow_reset_locked(sim, ch);
		c->fmt = fmt;
		c->dl_max_size = size;
		c->dl_max_dgrams = dgrams;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (err) {
		bdsim_count(sim, refused);
		return err;
	}
	bdsim_count(sim, BDSIM_CTR_DATA_FORMAT_SET);
	/* Packets queued under the old format are dropped, not left behind. */
	bdsim_dl_kick(sim);
	return 0;
}

/**
 * bdsim_mux_data_format_write() - handle a write to ``data_format``
 * @sim: the modem
 * @cmd: one or more lines "<ch> raw-ip|qmap|qmapv4|qmapv5
 *	[dl-max-size=<bytes>] [dl-max-datagrams=<n>]"; modified
 *
 * Process context. Lines are taken in order; the first that fails stops
 * the write.
 *
 * Return: 0; -EINVAL for a malformed line, -ENOTCONN for QMAP on a channel
 * not open on both sides, -EPROTO for QMAP on a channel whose host OPEN
 * did not negotiate dynamic MTU.
 */
int bdsim_mux_data_format_write(struct bdsim *sim, char *cmd)
{
	char *line;
	int err;

	while ((line = strsep(&cmd, "\n"))) {
		line = strim(line);
		if (!*line)
			continue;
		err = bdsim_mux_format_line(sim, line);
		if (err)
			return err;
	}
	return 0;
}

/**
 * bdsim_mux_data_format_show() - read ``data_format``
 * @s: the seq_file
 * @sim: the modem
 *
 * One line per channel, in the syntax a write takes, the QMAP limits as
 * they apply now (dl-max-size: the negotiated DL size unless set lower).
 */
void bdsim_mux_data_format_show(struct seq_file *s, struct bdsim *sim)
{
	u32 size[BDSIM_NUM_CH], dgrams[BDSIM_NUM_CH];
	u8 fmt[BDSIM_NUM_CH];
	unsigned long flags;
	unsigned int ch;

	spin_lock_irqsave(&sim->lock, flags);
	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		fmt[ch] = sim->ch[ch].fmt;
		size[ch] = bdsim_ch_dl_size(sim, ch);
		if (sim->ch[ch].dl_max_size)
			size[ch] = min(size[ch], sim->ch[ch].dl_max_size);
		dgrams[ch] = sim->ch[ch].dl_max_dgrams;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		if (fmt[ch] == BDSIM_FMT_RAW_IP)
			seq_printf(s, "%u raw-ip\n", ch);
		else
			seq_printf(s, "%u %s dl-max-size=%u dl-max-datagrams=%u\n",
				   ch, bdsim_fmt_name(fmt[ch]), size[ch],
				   dgrams[ch]);
	}
}

/* Parse "<ch> <mux>" and nothing more. */
static int bdsim_mux_parse_pair(char *cmd, unsigned int *ch, u8 *mux)
{
	if (bdsim_mux_parse_ch(bdsim_mux_word(&cmd), ch) ||
	    bdsim_mux_parse_mux(bdsim_mux_word(&cmd), mux) ||
	    bdsim_mux_word(&cmd))
		return -EINVAL;
	return 0;
}

/**
 * bdsim_mux_bind() - handle a write to ``bind_mux``
 * @sim: the modem
 * @cmd: "<ch> <mux>", mux 1..254
 *
 * Process context; takes RTNL.
 *
 * Return: 0; -EINVAL for a malformed command, -EEXIST if the mux is bound
 * already, or an error of the netdev's registration.
 */
int bdsim_mux_bind(struct bdsim *sim, char *cmd)
{
	unsigned int ch;
	u8 mux;
	int err;

	if (bdsim_mux_parse_pair(cmd, &ch, &mux))
		return -EINVAL;
	err = bdsim_peer_add_mux(sim, ch, mux);
	if (!err)
		bdsim_count(sim, BDSIM_CTR_MUX_BINDS);
	return err;
}

/**
 * bdsim_mux_unbind() - handle a write to ``unbind_mux``
 * @sim: the modem
 * @cmd: "<ch> <mux>"
 *
 * Process context; takes RTNL. Packets the peer had queued are dropped
 * (dl_unbound).
 *
 * Return: 0; -EINVAL for a malformed command, -ENOENT if not bound.
 */
int bdsim_mux_unbind(struct bdsim *sim, char *cmd)
{
	unsigned int ch;
	u8 mux;
	int err;

	if (bdsim_mux_parse_pair(cmd, &ch, &mux))
		return -EINVAL;
	err = bdsim_peer_del_mux(sim, ch, mux);
	if (!err)
		bdsim_count(sim, BDSIM_CTR_MUX_UNBINDS);
	return err;
}

/**
 * bdsim_mux_flow_write() - handle a write to ``flow``
 * @sim: the modem
 * @cmd: "<ch> <mux> disable|enable"
 *
 * Process context. Queues a MAP FLOW_DISABLE or FLOW_ENABLE request with
 * the next transaction id; it goes out ahead of data, waking the A2 if
 * needed, and waits for the host's ACK.
 *
 * Return: 0; -EINVAL for a malformed command, -ENODEV if the modem is not
 * running, -ENOTCONN if the channel is not open, -EPROTO if it is not in
 * QMAP mode, -ENOENT if the mux is not bound, -EBUSY if
 * %BDSIM_FLOW_PENDING commands wait for their ACK, -ENOSPC if too many
 * frames wait for RX buffers.
 */
int bdsim_mux_flow_write(struct bdsim *sim, char *cmd)
{
	struct bdsim_ctrl ctrl = { .kind = BDSIM_CTRL_MAP_FLOW };
	unsigned int ch, i;
	unsigned long flags;
	bool bound;
	char *word;
	int err;
	u8 mux;

	if (bdsim_mux_parse_ch(bdsim_mux_word(&cmd), &ch) ||
	    bdsim_mux_parse_mux(bdsim_mux_word(&cmd), &mux))
		return -EINVAL;
	word = bdsim_mux_word(&cmd);
	if (!word || bdsim_mux_word(&cmd))
		return -EINVAL;
	if (!strcmp(word, "disable"))
		ctrl.name = BDSIM_MAP_FLOW_DISABLE;
	else if (!strcmp(word, "enable"))
		ctrl.name = BDSIM_MAP_FLOW_ENABLE;
	else
		return -EINVAL;
	ctrl.ch = ch;
	ctrl.mux = mux;

	rcu_read_lock();
	bound = bdsim_peer_find(sim, ch, mux);
	rcu_read_unlock();
	if (!bound)
		return -ENOENT;

	spin_lock_irqsave(&sim->lock, flags);
	if (!sim->active) {
		err = -ENODEV;
	} else if (!bdsim_ch_usable(sim, ch)) {
		err = -ENOTCONN;
	} else if (sim->ch[ch].fmt == BDSIM_FMT_RAW_IP) {
		err = -EPROTO;
	} else {
		err = -EBUSY;
		for (i = 0; i < BDSIM_FLOW_PENDING; i++) {
			if (sim->flow[i].used)
				continue;
			ctrl.txid = sim->flow_txid;
			err = bdsim_modem_push_ctrl(sim, &ctrl);
			if (err)
				break;
			sim->flow_txid++;
			sim->flow[i] = (struct bdsim_flow_txn) {
				.used = true,
				.ch = ch,
				.mux = mux,
				.name = ctrl.name,
				.txid = ctrl.txid,
			};
			break;
		}
	}
	spin_unlock_irqrestore(&sim->lock, flags);
	if (err)
		return err;

	bdsim_dl_kick(sim);
	bdsim_power_kick(sim);
	return 0;
}

/* The host answered a flow command: match it by transaction id. */
static void bdsim_mux_flow_reply(struct bdsim *sim, unsigned int ch, u8 mux,
				 const u8 *body)
{
	u32 txid = get_unaligned_be32(body + BDSIM_MAP_CMD_OFF_TXID);
	u8 name = body[BDSIM_MAP_CMD_OFF_NAME];
	struct bdsim_flow_txn *t;
	unsigned long flags;
	bool found = false;
	unsigned int i;

	spin_lock_irqsave(&sim->lock, flags);
	for (i = 0; i < BDSIM_FLOW_PENDING; i++) {
		t = &sim->flow[i];
		if (!t->used || t->txid != txid || t->ch != ch ||
		    t->mux != mux || t->name != name)
			continue;
		t->used = false;
		if (name == BDSIM_MAP_FLOW_DISABLE)
			set_bit(mux, sim->ch[ch].flow_off);
		else
			clear_bit(mux, sim->ch[ch].flow_off);
		found = true;
		break;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	if (found)
		bdsim_count(sim, BDSIM_CTR_FLOW_ACKS);
	else
		bdsim_count_drop(sim, BDSIM_DROP_UL_MAP_ACK_UNMATCHED);
}

/* A good MAP data packet: to its mux's peer, unless flow is off. */
static void bdsim_mux_ul_packet(struct bdsim *sim, unsigned int ch,
				const struct bdsim_map_rec *rec, const u8 *ip)
{
	struct bdsim_peer *peer;
	unsigned long flags;
	bool flow_off;

	spin_lock_irqsave(&sim->lock, flags);
	flow_off = test_bit(rec->mux, sim->ch[ch].flow_off);
	spin_unlock_irqrestore(&sim->lock, flags);

	rcu_read_lock();
	/* Mux 0 is "unbound": the raw-IP peer is no mux session. */
	peer = rec->mux ? bdsim_peer_find(sim, ch, rec->mux) : NULL;
	if (!peer) {
		bdsim_count_drop(sim, BDSIM_DROP_UL_MAP_UNBOUND);
	} else if (flow_off) {
		bdsim_count_drop(sim, BDSIM_DROP_UL_MAP_FLOW_OFF);
	} else {
		bdsim_count_ch(sim, ch, rec->ip_len, true);
		bdsim_count(sim, BDSIM_CTR_UL_QMAP_PACKETS);
		if (rec->csum != BDSIM_UL_CSUM_NONE)
			bdsim_count(sim, BDSIM_CTR_UL_QMAP_CSUM_DONE);
		bdsim_peer_rx(peer, ip, rec->ip_len, rec->proto,
			      rec->csum);
	}
	rcu_read_unlock();
}

/**
 * bdsim_mux_ul() - the payload of a DMUX DATA frame on a QMAP channel
 * @sim: the modem
 * @ch: the channel, open on both sides
 * @data: the DMUX payload
 * @len: its length (len of the DMUX header)
 * @fmt: the channel's &enum bdsim_fmt, a QMAP one
 *
 * Called by the UL worker with bottom halves disabled. Each MAP frame is
 * checked on its own; a bad one is dropped and counted, and the next one
 * is looked at unless its length was unusable.
 */
void bdsim_mux_ul(struct bdsim *sim, unsigned int ch, const u8 *data,
		  unsigned int len, u8 fmt)
{
	struct bdsim_map_rec rec;
	unsigned int off = 0;
	enum bdsim_drop why;
	const u8 *p;

	bdsim_count(sim, BDSIM_CTR_UL_QMAP_FRAMES);
	while (off < len) {
		p = data + off;
		why = bdsim_qmap_ul_rec(p, len - off, fmt, &rec);
		if (why != BDSIM_DROP_NUM && bdsim_qmap_ul_fatal(why)) {
			bdsim_count_drop(sim, why);
			return;
		}
		off += rec.len;
		if (why != BDSIM_DROP_NUM)
			bdsim_count_drop(sim, why);
		else if (rec.cmd)
			bdsim_mux_flow_reply(sim, ch, rec.mux, p + rec.ip_off);
		else
			bdsim_mux_ul_packet(sim, ch, &rec, p + rec.ip_off);
	}
}
EXPORT_SYMBOL_IF_KUNIT(bdsim_mux_ul);

/**
 * bdsim_mux_init() - set up the QMAP state
 * @sim: the modem, not yet started
 */
void bdsim_mux_init(struct bdsim *sim)
{
	mutex_init(&sim->cfg_lock);
	bdsim_mux_forget_locked(sim);
}

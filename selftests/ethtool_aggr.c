// SPDX-License-Identifier: GPL-2.0-only
/*
 * ethtool -c/-C for the UL aggregation parameters only, for the bam-dmux
 * selftests: the ethtool of the test machines (6.1) predates them.
 *
 *   ethtool_aggr DEV
 *	prints "tx-aggr-max-bytes N", "tx-aggr-max-frames N" and
 *	"tx-aggr-time-usecs N", one per line
 *   ethtool_aggr DEV FRAMES BYTES USECS
 *	sets them; on a refusal prints "error: <errno text>: <extack>" on
 *	stderr and exits 1
 *
 * Exit status: 0 done, 1 refused or failed, 2 usage.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/types.h>

/*
 * Attributes of ETHTOOL_MSG_COALESCE_*, by their place in the uapi enum
 * since Linux 6.2 (after ETHTOOL_A_COALESCE_USE_CQE_MODE_RX, 25): older
 * headers do not name them.
 */
#define ATTR_TX_AGGR_MAX_BYTES	26
#define ATTR_TX_AGGR_MAX_FRAMES	27
#define ATTR_TX_AGGR_TIME_USECS	28

#define BUF_SIZE	8192

struct msg {
	char buf[BUF_SIZE];
	size_t len;
};

static void msg_init(struct msg *m, __u16 type, __u16 flags, __u8 cmd)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct genlmsghdr *g;

	memset(m->buf, 0, sizeof(m->buf));
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = 1;
	g = (struct genlmsghdr *)NLMSG_DATA(nlh);
	g->cmd = cmd;
	g->version = 1;
	m->len = NLMSG_LENGTH(GENL_HDRLEN);
}

static struct nlattr *attr_put(struct msg *m, __u16 type, const void *data,
			       size_t len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (data)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	m->len += NLA_ALIGN(a->nla_len);
	return a;
}

static void attr_u32(struct msg *m, __u16 type, __u32 v)
{
	attr_put(m, type, &v, sizeof(v));
}

/* The request header nest naming the device. */
static void attr_dev(struct msg *m, const char *dev)
{
	size_t start = m->len;
	struct nlattr *nest;

	nest = attr_put(m, NLA_F_NESTED | ETHTOOL_A_COALESCE_HEADER, NULL, 0);
	attr_put(m, ETHTOOL_A_HEADER_DEV_NAME, dev, strlen(dev) + 1);
	nest = (struct nlattr *)(m->buf + start);
	nest->nla_len = m->len - start;
}

static int msg_send(int fd, struct msg *m)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	((struct nlmsghdr *)m->buf)->nlmsg_len = m->len;
	if (sendto(fd, m->buf, m->len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0) {
		perror("sendto");
		return -1;
	}
	return 0;
}

/* Print the kernel's error and its extack message, if any. */
static void report_error(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	const char *text = "";
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
			const struct nlattr *a =
				(const struct nlattr *)((const char *)nlh + off);

			if (a->nla_len < NLA_HDRLEN ||
			    off + a->nla_len > nlh->nlmsg_len)
				break;
			if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
				text = (const char *)a + NLA_HDRLEN;
			off += NLA_ALIGN(a->nla_len);
		}
	}
	fprintf(stderr, "error: %s: %s\n", strerror(-e->error), text);
}

/*
 * Receive the answer to the last request. Calls @attr for each attribute
 * of a reply message. Returns 0, or -1 after reporting the error.
 */
static int msg_recv(int fd, void (*attr)(const struct nlattr *a))
{
	static char buf[BUF_SIZE];
	ssize_t n;

	for (;;) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			perror("recv");
			return -1;
		}
		for (; NLMSG_OK(nlh, n); nlh = NLMSG_NEXT(nlh, n)) {
			size_t off = NLMSG_LENGTH(GENL_HDRLEN);

			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(nlh);

				if (!e->error)
					return 0;
				report_error(nlh);
				return -1;
			}
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			while (attr && off + NLA_HDRLEN <= nlh->nlmsg_len) {
				const struct nlattr *a = (const struct nlattr *)
					((const char *)nlh + off);

				if (a->nla_len < NLA_HDRLEN)
					break;
				attr(a);
				off += NLA_ALIGN(a->nla_len);
			}
		}
	}
}

static __u16 family_id;

static void family_attr(const struct nlattr *a)
{
	if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
		memcpy(&family_id, (const char *)a + NLA_HDRLEN, 2);
}

static void coalesce_attr(const struct nlattr *a)
{
	static const char * const names[] = {
		[ATTR_TX_AGGR_MAX_BYTES] = "tx-aggr-max-bytes",
		[ATTR_TX_AGGR_MAX_FRAMES] = "tx-aggr-max-frames",
		[ATTR_TX_AGGR_TIME_USECS] = "tx-aggr-time-usecs",
	};
	unsigned int type = a->nla_type & NLA_TYPE_MASK;
	__u32 v;

	if (type < ATTR_TX_AGGR_MAX_BYTES || type > ATTR_TX_AGGR_TIME_USECS)
		return;
	memcpy(&v, (const char *)a + NLA_HDRLEN, sizeof(v));
	printf("%s %u\n", names[type], v);
}

static __u32 parse_u32(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || !*s || v > UINT32_MAX) {
		fprintf(stderr, "not a number: %s\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static struct msg m;
	int fd, one = 1;

	if (argc != 2 && argc != 5) {
		fprintf(stderr,
			"usage: ethtool_aggr DEV [FRAMES BYTES USECS]\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));

	msg_init(&m, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY);
	attr_put(&m, CTRL_ATTR_FAMILY_NAME, ETHTOOL_GENL_NAME,
		 sizeof(ETHTOOL_GENL_NAME));
	if (msg_send(fd, &m) || msg_recv(fd, family_attr) || !family_id) {
		fprintf(stderr, "no ethtool netlink family\n");
		return 1;
	}

	if (argc == 2) {
		msg_init(&m, family_id, NLM_F_ACK, ETHTOOL_MSG_COALESCE_GET);
		attr_dev(&m, argv[1]);
		return msg_send(fd, &m) || msg_recv(fd, coalesce_attr);
	}
	msg_init(&m, family_id, NLM_F_ACK, ETHTOOL_MSG_COALESCE_SET);
	attr_dev(&m, argv[1]);
	attr_u32(&m, ATTR_TX_AGGR_MAX_FRAMES, parse_u32(argv[2]));
	attr_u32(&m, ATTR_TX_AGGR_MAX_BYTES, parse_u32(argv[3]));
	attr_u32(&m, ATTR_TX_AGGR_TIME_USECS, parse_u32(argv[4]));
	return msg_send(fd, &m) || msg_recv(fd, NULL);
}

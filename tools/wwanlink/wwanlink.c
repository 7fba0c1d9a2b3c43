// SPDX-License-Identifier: GPL-2.0-only
/*
 * wwanlink: list, add and delete the data links of WWAN devices over
 * rtnetlink, with libnl-3. See wwanlink.8.
 *
 * libnl-route knows no "wwan" link type: the link info of a new link is
 * built here, and the dump is parsed here. libnl 3.7 has no extended ACK
 * support either: the socket option is set by hand and the message the
 * kernel explains a refusal with is taken from the error reply.
 */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/wwan.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/route/link.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define EXIT_USAGE	1	/* bad command line */
#define EXIT_REFUSED	2	/* the kernel refused the request */
#define EXIT_FAIL	3	/* anything else: no such device, ... */

static const char *const protocols[] = {
	[WWAN_LINK_PROTO_NONE] = "none",
	[WWAN_LINK_PROTO_QMAP] = "qmap",
	[WWAN_LINK_PROTO_QMAPV4] = "qmapv4",
	[WWAN_LINK_PROTO_QMAPV5] = "qmapv5",
};

/* The kernel's error reply to the last request: errno and extack text. */
static struct {
	int error;
	char msg[256];
} reply;

static struct nl_sock *sk;
static bool json;

static void print_usage(FILE *f)
{
	fprintf(f,
		"Usage: wwanlink [ -j ] list [ WWANDEV ]\n"
		"       wwanlink add NAME dev WWANDEV { linkid ID |\n"
		"                    channel CH [ protocol PROTO ] [ mux-id N ] }\n"
		"       wwanlink del NAME\n"
		"       wwanlink { -h | --help }\n"
		"\n"
		"Where: PROTO := { none | qmap | qmapv4 | qmapv5 }\n"
		"       ID, CH, N := 0-4294967295 (decimal, 0x hex or 0 octal)\n"
		"\n"
		"list prints one line per WWAN link: its name, WWAN device, link id\n"
		"and, if the kernel reports them, channel, protocol and mux-id;\n"
		"-j (--json) prints them as JSON. add sends the keywords given, and\n"
		"the kernel decides what it accepts.\n"
		"\n"
		"Exit status: 0 success, 1 usage error, 2 the kernel refused the\n"
		"request (its message is printed), 3 any other failure (no such\n"
		"device, ...).\n");
}

[[gnu::noreturn, gnu::format(printf, 1, 2)]]
static void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("wwanlink: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'wwanlink --help'.\n", stderr);
	exit(EXIT_USAGE);
}

[[gnu::noreturn, gnu::format(printf, 2, 3)]]
static void fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("wwanlink: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

/* After a failed request: what the kernel said, or what libnl did. */
[[gnu::noreturn]]
static void request_failed(const char *what, int err)
{
	if (!reply.error)
		fail(EXIT_FAIL, "%s: %s", what, nl_geterror(err));
	if (reply.msg[0])
		fail(EXIT_REFUSED, "%s (%s)", reply.msg, strerror(reply.error));
	fail(EXIT_REFUSED, "%s: %s", what, strerror(reply.error));
}

/*
 * Every message in: an error reply's errno and extack message are kept.
 * libnl goes on to handle the message as it would have.
 */
static int on_msg_in(struct nl_msg *msg, void *arg)
{
	static const struct nla_policy policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	};
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct nlmsgerr *err;
	int len;

	(void)arg;
	if (hdr->nlmsg_type != NLMSG_ERROR ||
	    hdr->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))
		return NL_OK;
	err = nlmsg_data(hdr);
	if (!err->error)
		return NL_OK;
	reply.error = -err->error;
	reply.msg[0] = '\0';
	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_OK;
	/* The TLVs follow the request, or only its header if capped. */
	len = sizeof(*err);
	if (!(hdr->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < sizeof(err->msg) ||
		    err->msg.nlmsg_len > hdr->nlmsg_len)
			return NL_OK;
		len += err->msg.nlmsg_len - sizeof(err->msg);
	}
	if (nlmsg_parse(hdr, len, tb, NLMSGERR_ATTR_MAX, policy) < 0)
		return NL_OK;
	if (tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(reply.msg, tb[NLMSGERR_ATTR_MSG], sizeof(reply.msg));
	return NL_OK;
}

static void rtnl_open(void)
{
	int one = 1, err;

	sk = nl_socket_alloc();
	if (!sk)
		fail(EXIT_FAIL, "out of memory");
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err < 0)
		fail(EXIT_FAIL, "rtnetlink: %s", nl_geterror(err));
	/* Without it the kernel's refusals come as a bare errno. */
	if (setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK,
		       &one, sizeof(one)) < 0)
		fail(EXIT_FAIL, "NETLINK_EXT_ACK: %s", strerror(errno));
	nl_socket_modify_cb(sk, NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, NULL);
}

static __u32 parse_u32(const char *key, const char *arg)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (!*arg || *end || errno || arg[0] == '-' || v > 0xffffffffULL)
		usage_error("%s: '%s' is not a number from 0 to 4294967295",
			    key, arg);
	return v;
}

static __u32 parse_protocol(const char *arg)
{
	__u32 i;

	for (i = 0; i < ARRAY_SIZE(protocols); i++)
		if (!strcmp(arg, protocols[i]))
			return i;
	usage_error("protocol: '%s' is not none, qmap, qmapv4 or qmapv5", arg);
}

static void check_name(const char *what, const char *name)
{
	if (!*name || strlen(name) >= IFNAMSIZ)
		usage_error("%s: '%s' is not a device name", what, name);
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* One "key value" pair of a listed link; numbers unless str is set. */
static void print_field(const char *key, const char *str, __u32 num)
{
	if (!json) {
		if (str)
			printf(" %s %s", key, str);
		else
			printf(" %s %u", key, num);
		return;
	}
	fputs(",\"", stdout);
	for (; *key; key++)
		putchar(*key == '-' ? '_' : *key);
	fputs("\":", stdout);
	if (str)
		json_string(str);
	else
		printf("%u", num);
}

struct list_ctx {
	const char *wwandev;	/* only this WWAN device's links, or all */
	unsigned int count;
	int error;		/* a link message that could not be parsed */
};

static int on_link(struct nl_msg *msg, void *arg)
{
	static const struct nla_policy link_policy[IFLA_MAX + 1] = {
		[IFLA_IFNAME] = { .type = NLA_STRING },
		[IFLA_PARENT_DEV_NAME] = { .type = NLA_STRING },
		[IFLA_LINKINFO] = { .type = NLA_NESTED },
	};
	static const struct nla_policy info_policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = { .type = NLA_STRING },
		[IFLA_INFO_DATA] = { .type = NLA_NESTED },
	};
	static const struct nla_policy wwan_policy[IFLA_WWAN_MAX + 1] = {
		[IFLA_WWAN_LINK_ID] = { .type = NLA_U32 },
		[IFLA_WWAN_CHANNEL] = { .type = NLA_U32 },
		[IFLA_WWAN_PROTOCOL] = { .type = NLA_U32 },
		[IFLA_WWAN_MUX_ID] = { .type = NLA_U32 },
	};
	struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	struct nlattr *data[IFLA_WWAN_MAX + 1];
	struct list_ctx *ctx = arg;
	const char *parent = NULL;
	__u32 proto;

	if (nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX,
			link_policy) < 0 || !tb[IFLA_IFNAME])
		goto bad;
	if (!tb[IFLA_LINKINFO])
		return NL_OK;
	if (nla_parse_nested(info, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
			     info_policy) < 0)
		goto bad;
	if (!info[IFLA_INFO_KIND] ||
	    strcmp(nla_get_string(info[IFLA_INFO_KIND]), "wwan"))
		return NL_OK;
	if (tb[IFLA_PARENT_DEV_NAME])
		parent = nla_get_string(tb[IFLA_PARENT_DEV_NAME]);
	if (ctx->wwandev && (!parent || strcmp(parent, ctx->wwandev)))
		return NL_OK;
	memset(data, 0, sizeof(data));
	if (info[IFLA_INFO_DATA] &&
	    nla_parse_nested(data, IFLA_WWAN_MAX, info[IFLA_INFO_DATA],
			     wwan_policy) < 0)
		goto bad;

	if (json) {
		fputs(ctx->count ? ",{\"ifname\":" : "{\"ifname\":", stdout);
		json_string(nla_get_string(tb[IFLA_IFNAME]));
	} else {
		fputs(nla_get_string(tb[IFLA_IFNAME]), stdout);
	}
	ctx->count++;
	if (parent)
		print_field("dev", parent, 0);
	if (data[IFLA_WWAN_LINK_ID])
		print_field("linkid", NULL, nla_get_u32(data[IFLA_WWAN_LINK_ID]));
	if (data[IFLA_WWAN_CHANNEL])
		print_field("channel", NULL, nla_get_u32(data[IFLA_WWAN_CHANNEL]));
	if (data[IFLA_WWAN_PROTOCOL]) {
		proto = nla_get_u32(data[IFLA_WWAN_PROTOCOL]);
		print_field("protocol",
			    proto < ARRAY_SIZE(protocols) ? protocols[proto] : NULL,
			    proto);
	}
	if (data[IFLA_WWAN_MUX_ID])
		print_field("mux-id", NULL, nla_get_u32(data[IFLA_WWAN_MUX_ID]));
	fputs(json ? "}" : "\n", stdout);
	return NL_OK;

bad:
	ctx->error = 1;
	return NL_STOP;
}

static int cmd_list(int argc, char **argv)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct list_ctx ctx = { 0 };
	char path[64];
	int err;

	if (argc > 1)
		usage_error("list: unexpected '%s'", argv[1]);
	if (argc == 1) {
		ctx.wwandev = argv[0];
		check_name("list", ctx.wwandev);
		snprintf(path, sizeof(path), "/sys/class/wwan/%s", ctx.wwandev);
		if (strchr(ctx.wwandev, '/') || access(path, F_OK))
			fail(EXIT_FAIL, "no WWAN device named %s", ctx.wwandev);
	}

	rtnl_open();
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_link, &ctx);
	err = nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi));
	if (err < 0)
		request_failed("list", err);
	if (json)
		putchar('[');
	err = nl_recvmsgs_default(sk);
	if (json)
		puts("]");
	if (fflush(stdout))
		fail(EXIT_FAIL, "list: %s", strerror(errno));
	if (ctx.error)
		fail(EXIT_FAIL, "list: a link message the kernel sent is malformed");
	if (err < 0)
		request_failed("list", err);
	return 0;
}

/* The IFLA_INFO_DATA of a new link, from the keywords after its name. */
static void put_wwan_data(struct nl_msg *msg, int argc, char **argv)
{
	const char *key, *val;
	int type;
	__u32 v;

	for (; argc > 0; argc -= 2, argv += 2) {
		key = argv[0];
		if (argc < 2)
			usage_error("add: '%s' needs a value", key);
		val = argv[1];
		if (!strcmp(key, "dev"))
			continue;
		if (!strcmp(key, "linkid"))
			type = IFLA_WWAN_LINK_ID;
		else if (!strcmp(key, "channel"))
			type = IFLA_WWAN_CHANNEL;
		else if (!strcmp(key, "protocol"))
			type = IFLA_WWAN_PROTOCOL;
		else if (!strcmp(key, "mux-id"))
			type = IFLA_WWAN_MUX_ID;
		else
			usage_error("add: unknown keyword '%s'", key);
		if (type == IFLA_WWAN_PROTOCOL)
			v = parse_protocol(val);
		else
			v = parse_u32(key, val);
		if (nla_put_u32(msg, type, v) < 0)
			fail(EXIT_FAIL, "out of memory");
	}
}

static int cmd_add(int argc, char **argv)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;
	const char *wwandev = NULL;
	int i, err;

	if (argc < 1)
		usage_error("add: the new link needs a NAME");
	check_name("add", argv[0]);
	for (i = 1; i + 1 < argc; i += 2)
		if (!strcmp(argv[i], "dev"))
			wwandev = argv[i + 1];
	/* Without dev, the request goes out as it is: the kernel says why not. */
	if (wwandev)
		check_name("dev", wwandev);

	msg = nlmsg_alloc_simple(RTM_NEWLINK,
				 NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
	if (!msg)
		fail(EXIT_FAIL, "out of memory");
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, IFLA_IFNAME, argv[0]) < 0 ||
	    (wwandev && nla_put_string(msg, IFLA_PARENT_DEV_NAME, wwandev) < 0))
		fail(EXIT_FAIL, "out of memory");
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo || nla_put_string(msg, IFLA_INFO_KIND, "wwan") < 0)
		fail(EXIT_FAIL, "out of memory");
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (!data)
		fail(EXIT_FAIL, "out of memory");
	put_wwan_data(msg, argc - 1, argv + 1);
	if (nla_nest_end(msg, data) < 0 || nla_nest_end(msg, linkinfo) < 0)
		fail(EXIT_FAIL, "out of memory");

	rtnl_open();
	err = nl_send_sync(sk, msg);
	if (err < 0)
		request_failed("add", err);
	return 0;
}

static int cmd_del(int argc, char **argv)
{
	struct rtnl_link *link;
	const char *kind;
	int err;

	if (argc != 1)
		usage_error("del: wants the NAME of one link");
	check_name("del", argv[0]);

	rtnl_open();
	err = rtnl_link_get_kernel(sk, 0, argv[0], &link);
	if (err < 0)
		fail(EXIT_FAIL, "%s: %s", argv[0],
		     reply.error ? strerror(reply.error) : nl_geterror(err));
	kind = rtnl_link_get_type(link);
	if (!kind || strcmp(kind, "wwan"))
		fail(EXIT_FAIL, "%s is not a WWAN link", argv[0]);
	reply.error = 0;
	err = rtnl_link_delete(sk, link);
	if (err < 0)
		request_failed("del", err);
	rtnl_link_put(link);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd;
	int c, ret;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		usage_error("no command");
	cmd = argv[optind];
	argc -= optind + 1;
	argv += optind + 1;

	if (!strcmp(cmd, "list"))
		ret = cmd_list(argc, argv);
	else if (!strcmp(cmd, "add"))
		ret = cmd_add(argc, argv);
	else if (!strcmp(cmd, "del"))
		ret = cmd_del(argc, argv);
	else
		usage_error("unknown command '%s'", cmd);
	nl_socket_free(sk);
	return ret;
}

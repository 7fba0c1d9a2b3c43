// SPDX-License-Identifier: GPL-2.0-only
/*
 * UDP flood sender and counting receiver for the bam-dmux selftests.
 *
 *   udp_flood send DST PORT COUNT SIZE
 *	Sends COUNT datagrams of SIZE bytes as fast as the stack takes them
 *	and prints "sent N failed M" (M: send errors such as ENOBUFS when
 *	the queue is full; those datagrams never left the host).
 *   udp_flood recv PORT READY_FILE OUT_FILE [IDLE_MS]
 *	Counts datagrams until none came for IDLE_MS (default 3000) after
 *	the first one (or for 120 s in all, so that it always ends) and
 *	writes "received N" and, on a second line, "dropped D" to OUT_FILE:
 *	D is what the socket itself dropped (the drops column of
 *	/proc/net/udp, mostly receive buffer overflows), so that a test can
 *	account for every datagram per socket even with several receivers in
 *	one namespace. READY_FILE appears once the socket is bound.
 *   udp_flood sink PORT READY_FILE
 *	Binds a socket with the smallest receive buffer and never reads it,
 *	until killed: once the few datagrams it queues filled it, every
 *	datagram for PORT reaches the socket and ends there, counted in the
 *	namespace's Udp RcvbufErrors, with no reader's cost (scripts/bench).
 *
 * The bounds only end the run; the tests never assert on time. A C
 * program rather than a script: under TCG with KASAN an interpreter's
 * start-up costs seconds, and the tests start a dozen of these.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IDLE_MS		3000
#define TOTAL_MS	120000
#define MAX_SIZE	65507

static void die_usage(void)
{
	fprintf(stderr,
		"usage: udp_flood send DST PORT COUNT SIZE\n"
		"       udp_flood recv PORT READY_FILE OUT_FILE [IDLE_MS]\n"
		"       udp_flood sink PORT READY_FILE\n");
	exit(2);
}

static long parse_num(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "udp_flood: bad number '%s'\n", s);
		die_usage();
	}
	return v;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int do_send(const char *dst, long port, long count, long size)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
	};
	long sent = 0, failed = 0, i;
	char *payload;
	int fd;

	if (inet_pton(AF_INET, dst, &sin.sin_addr) != 1) {
		fprintf(stderr, "udp_flood: bad IPv4 address '%s'\n", dst);
		return 2;
	}
	payload = malloc(size);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (!payload || fd < 0) {
		perror("udp_flood: send setup");
		return 1;
	}
	memset(payload, 0x5a, size);
	for (i = 0; i < count; i++) {
		if (sendto(fd, payload, size, 0, (struct sockaddr *)&sin,
			   sizeof(sin)) == size)
			sent++;
		else
			failed++;
	}
	printf("sent %ld failed %ld\n", sent, failed);
	close(fd);
	free(payload);
	return 0;
}

/*
 * The datagrams the kernel dropped at this socket: the last column of its
 * line in /proc/net/udp (of the namespace the program runs in), found by
 * the socket's inode. -1 if it cannot be read.
 */
static long long sock_drops(int fd)
{
	unsigned long long drops = 0;
	unsigned long inode;
	long long ret = -1;
	char line[512];
	struct stat st;
	FILE *f;

	if (fstat(fd, &st))
		return -1;
	f = fopen("/proc/net/udp", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		/* sl local rem st tx:rx tr:when retr uid timeout inode ref ptr drops */
		if (sscanf(line, "%*s %*s %*s %*s %*s %*s %*s %*s %*s %lu %*s %*s %llu",
			   &inode, &drops) == 2 && inode == st.st_ino) {
			ret = drops;
			break;
		}
	}
	fclose(f);
	return ret;
}

static int do_recv(long port, const char *ready, const char *out,
		   long idle_ms)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	long long deadline, last = 0, t, drops;
	int rcvbuf = 4 << 20, fd, rfd;
	static char buf[MAX_SIZE + 1];
	long received = 0;
	struct pollfd pfd;
	FILE *f;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	/* Past net.core.rmem_max as root (the tests): overflows stay rare. */
	if (fd >= 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf))) {
		perror("udp_flood: SO_RCVBUF");
		return 1;
	}
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		perror("udp_flood: recv setup");
		return 1;
	}
	rfd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (rfd < 0) {
		perror(ready);
		return 1;
	}
	close(rfd);

	deadline = now_ms() + TOTAL_MS;
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		t = now_ms();
		if (t >= deadline || (last && t - last >= idle_ms))
			break;
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		/* Drain what is queued before looking at the clock again. */
		while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
			received++;
		last = now_ms();
	}

	/* Whatever came after the last read was dropped or is left queued. */
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		received++;
	drops = sock_drops(fd);
	if (drops < 0) {
		fprintf(stderr, "udp_flood: no drop count in /proc/net/udp\n");
		return 1;
	}
	f = fopen(out, "w");
	if (!f || fprintf(f, "received %ld\ndropped %lld\n", received, drops) < 0 ||
	    fclose(f)) {
		perror(out);
		return 1;
	}
	close(fd);
	return 0;
}

static int do_sink(long port, const char *ready)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int rcvbuf = 0, fd, rfd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	/* 0 is raised to the kernel's minimum. */
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		perror("udp_flood: sink setup");
		return 1;
	}
	rfd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (rfd < 0) {
		perror(ready);
		return 1;
	}
	close(rfd);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "send"))
		return do_send(argv[2], parse_num(argv[3], 1, 65535),
			       parse_num(argv[4], 0, LONG_MAX),
			       parse_num(argv[5], 1, MAX_SIZE));
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "recv"))
		return do_recv(parse_num(argv[2], 1, 65535), argv[3], argv[4],
			       argc == 6 ? parse_num(argv[5], 1, TOTAL_MS) :
			       IDLE_MS);
	if (argc == 4 && !strcmp(argv[1], "sink"))
		return do_sink(parse_num(argv[2], 1, 65535), argv[3]);
	die_usage();
	return 2;
}

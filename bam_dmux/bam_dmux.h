/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * BAM-DMUX core: state shared by the protocol, power-control and link files.
 */
#ifndef _BAM_DMUX_H
#define _BAM_DMUX_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/u64_stats_sync.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "bam_dmux_proto.h"
#include "bam_dmux_transport.h"
#include "qmap.h"

/*
 * RX buffer pool: the number of buffers queued to the modem. The modem
 * learns it from our OPEN (dynamic MTU), in the steps it can encode.
 */
#define BAM_DMUX_RX_POOL_MIN		32
#define BAM_DMUX_RX_POOL_MAX		256
#define BAM_DMUX_RX_POOL_DEFAULT	32
/* Large DL buffer size offered in our OPEN, used after the modem asks */
#define BAM_DMUX_DL_SIZE_DEFAULT	BAM_DMUX_BUF_SIZE_MAX
/*
 * Packets up to RX_COPYBREAK bytes are copied into a small skb of their
 * own; larger ones are handed up as a page fragment of the RX buffer,
 * with RX_HEAD bytes of linear room for the headers the stack pulls.
 */
/* Retry of an RX ring left empty for lack of memory */
#define BAM_DMUX_RX_RETRY		(HZ / 10)
#define BAM_DMUX_RX_COPYBREAK		256
#define BAM_DMUX_RX_HEAD		128
#define BAM_DMUX_TX_RING		32
/* UL aggregation limits, as rmnet has them */
#define BAM_DMUX_AGG_BYTES_DEFAULT	4096
#define BAM_DMUX_AGG_BYTES_MAX		32768
#define BAM_DMUX_AGG_FRAMES_MAX		64
#define BAM_DMUX_AGG_TIME_US_DEFAULT	800
#define BAM_DMUX_AGG_TIME_US_MAX	100000
/* Wake the links once this many TX slots are free again. */
#define BAM_DMUX_TX_WAKE_FREE		(BAM_DMUX_TX_RING / 2)

/* How long the modem gets to answer a power request (as the firmware's
 * own drivers allow), and how long the AP keeps the vote after the last
 * frame.
 */
#define BAM_DMUX_REMOTE_TIMEOUT_MS	2000
#define BAM_DMUX_AUTOSUSPEND_MS		1000
/* How long the OPENs of a modem's announcement may take to arrive */
#define BAM_DMUX_ANNOUNCE_SETTLE_MS	50
/* Pause before powering up again for commands a failed power-up kept */
#define BAM_DMUX_POWER_RETRY_MS		1000

/*
 * Link ids: csum << 16 | channel << 8 | mux_id. mux_id 0 is the raw-IP
 * link of the channel; csum is the MAP checksum flavour of a QMAP link,
 * 0 (none), 4 (MAPv4) or 5 (MAPv5), so that "linkid (CH << 8 | MUX)"
 * means plain QMAP.
 */
#define BAM_DMUX_LINK_CH(id)		(((id) >> 8) & 0xff)
#define BAM_DMUX_LINK_MUX(id)		((id) & 0xff)
#define BAM_DMUX_LINK_CSUM(id)		((id) >> 16)
#define BAM_DMUX_LINK_ID(ch, mux)	((ch) << 8 | (mux))
#define BAM_DMUX_LINK_CSUM_V4		4
#define BAM_DMUX_LINK_CSUM_V5		5
/* QMAP mux ids a link may use: 0 is the raw link, 255 is reserved */
#define BAM_DMUX_MUX_MIN		1
#define BAM_DMUX_MUX_MAX		254

/**
 * enum bam_dmux_dev_stat - device-wide counters, each one reason
 *
 * Every frame is counted once. A packet that belongs to a link is counted
 * in that link's counters only (&enum bam_dmux_link_drop); the drop
 * reasons here count only frames no link owns: malformed headers, DATA
 * for a channel without a running link, commands, frames of a link that
 * is gone. RX_FRAMES and TX_FRAMES are totals, the rest are events.
 * @BAM_DMUX_RX_FRAMES: RX transfers processed
 * @BAM_DMUX_RX_SHORT: transfer shorter than a header
 * @BAM_DMUX_RX_BAD_MAGIC: header magic is not %BAM_DMUX_MAGIC
 * @BAM_DMUX_RX_BAD_LEN: header length runs past the transfer, or is 0
 * @BAM_DMUX_RX_LEN_UNKNOWN: length 0xffff ("take it from the transfer")
 *	from a transport that does not know transfer lengths
 * @BAM_DMUX_RX_BAD_XFER: the transport reported more bytes than the buffer
 * @BAM_DMUX_RX_BAD_CHANNEL: channel number the driver does not know
 * @BAM_DMUX_RX_BAD_CMD: command the driver does not know
 * @BAM_DMUX_RX_NO_LINK: DATA for a channel with no link up
 * @BAM_DMUX_RX_DMA_ERROR: transfer completed with an error
 * @BAM_DMUX_RX_NOMEM: no replacement buffer; the frame was dropped
 * @BAM_DMUX_RX_RECLAIMED: empty RX buffer taken back at power-down (normal)
 * @BAM_DMUX_RX_STATUS: STATUS commands, ignored
 * @BAM_DMUX_RX_DUP_OPEN: OPEN for a channel the modem had already opened
 * @BAM_DMUX_RX_CLOSE_NOT_OPEN: CLOSE for a channel that was not open
 * @BAM_DMUX_RX_OPEN_NO_PC: OPEN_NO_A2_PC commands
 * @BAM_DMUX_TX_FRAMES: TX frames completed by the transport
 * @BAM_DMUX_TX_DMA_ERROR: TX frame completed with an error
 * @BAM_DMUX_TX_ABORTED: TX frame taken back when the pipe stopped
 * @BAM_DMUX_TX_POWER_FAIL: TX frame dropped, the modem did not power up
 * @BAM_DMUX_TX_SUBMIT_FAIL: transport refused a TX frame
 * @BAM_DMUX_TX_CMD_DROP: OPEN/CLOSE command that could not be sent
 * @BAM_DMUX_TX_POWER_RETRY: power-up retried for commands still waiting
 * @BAM_DMUX_PC_UP: modem power-ups handled
 * @BAM_DMUX_PC_DOWN: modem power-downs handled
 * @BAM_DMUX_PC_DOWN_DEFERRED: power-downs held back while the AP voted
 * @BAM_DMUX_PC_SPURIOUS: power level reports that changed nothing
 * @BAM_DMUX_ACK_TIMEOUT: modem did not acknowledge a vote in time
 * @BAM_DMUX_PC_TIMEOUT: modem did not power up in time after a vote
 * @BAM_DMUX_ACK_UNEXPECTED: ack toggles nobody waited for
 * @BAM_DMUX_PC_DOWN_TX_TIMEOUT: after a power-down the modem did not
 *	complete the TX frames in flight in time; they were taken back
 * @BAM_DMUX_RX_LARGE_ON: the modem asked for large RX buffers (the
 *	dynamic-MTU signal of a DATA frame went from 0 to 1)
 * @BAM_DMUX_RX_LARGE_OFF: the modem went back to default-size buffers
 * @BAM_DMUX_RX_SIGNAL_UNEXPECTED: DATA frame asking for large buffers
 *	although the modem never offered dynamic MTU; ignored
 * @BAM_DMUX_RX_MTU_CONFLICT: an OPEN whose dynamic-MTU offer differs from
 *	the one of the modem's first OPEN; ignored
 * @BAM_DMUX_RX_QMAP_TRUNCATED_HDR: QMAP: bytes left too few for a MAP
 *	header (this and the QMAP counters up to BAD_CMD_LEN and
 *	CMD_NOT_REQUEST follow &enum qmap_rx_status, in its order)
 * @BAM_DMUX_RX_QMAP_ZERO_LEN: QMAP: pkt_len 0, rest of the frame dropped
 * @BAM_DMUX_RX_QMAP_PAST_BUF: QMAP: record runs past the frame
 * @BAM_DMUX_RX_QMAP_BAD_PAD: QMAP: pad not smaller than pkt_len
 * @BAM_DMUX_RX_QMAP_BAD_MUX: QMAP: mux id 0 or 255
 * @BAM_DMUX_RX_QMAP_BAD_IP: QMAP: payload neither IPv4 nor IPv6
 * @BAM_DMUX_RX_QMAP_NO_NEXT_HDR: QMAP: MAPv5 data without next header
 * @BAM_DMUX_RX_QMAP_BAD_NEXT_HDR: QMAP: next header unknown or truncated
 * @BAM_DMUX_RX_QMAP_BAD_CMD_LEN: QMAP: command shorter than its body
 * @BAM_DMUX_RX_QMAP_UNKNOWN_CMD: QMAP: command we do not implement
 * @BAM_DMUX_RX_QMAP_CMD_NOT_REQUEST: QMAP: command reply from the modem
 * @BAM_DMUX_RX_QMAP_NO_LINK: QMAP: data for a mux id without a running
 *	link
 * @BAM_DMUX_RX_QMAP_CMD_NO_LINK: QMAP: flow control for a mux id
 *	without a link; not answered
 * @BAM_DMUX_RX_QMAP_FLOW_DISABLE: QMAP: FLOW_DISABLE commands obeyed
 * @BAM_DMUX_RX_QMAP_FLOW_ENABLE: QMAP: FLOW_ENABLE commands obeyed
 * @BAM_DMUX_TX_QMAP_ACK: QMAP: command ACKs queued to the modem
 * @BAM_DMUX_TX_QMAP_ACK_DROP: QMAP: command ACKs that could not be sent
 * @BAM_DMUX_TX_AGG_NOMEM: no memory for a UL aggregate; the packet went
 *	out alone
 * @BAM_DMUX_NR_DEV_STATS: number of counters
 */
enum bam_dmux_dev_stat {
	BAM_DMUX_RX_FRAMES,
	BAM_DMUX_RX_SHORT,
	BAM_DMUX_RX_BAD_MAGIC,
	BAM_DMUX_RX_BAD_LEN,
	BAM_DMUX_RX_LEN_UNKNOWN,
	BAM_DMUX_RX_BAD_XFER,
	BAM_DMUX_RX_BAD_CHANNEL,
	BAM_DMUX_RX_BAD_CMD,
	BAM_DMUX_RX_NO_LINK,
	BAM_DMUX_RX_DMA_ERROR,
	BAM_DMUX_RX_NOMEM,
	BAM_DMUX_RX_RECLAIMED,
	BAM_DMUX_RX_STATUS,
	BAM_DMUX_RX_DUP_OPEN,
	BAM_DMUX_RX_CLOSE_NOT_OPEN,
	BAM_DMUX_RX_OPEN_NO_PC,
	BAM_DMUX_TX_FRAMES,
	BAM_DMUX_TX_DMA_ERROR,
	BAM_DMUX_TX_ABORTED,
	BAM_DMUX_TX_POWER_FAIL,
	BAM_DMUX_TX_SUBMIT_FAIL,
	BAM_DMUX_TX_CMD_DROP,
	BAM_DMUX_TX_POWER_RETRY,
	BAM_DMUX_PC_UP,
	BAM_DMUX_PC_DOWN,
	BAM_DMUX_PC_DOWN_DEFERRED,
	BAM_DMUX_PC_SPURIOUS,
	BAM_DMUX_ACK_TIMEOUT,
	BAM_DMUX_PC_TIMEOUT,
	BAM_DMUX_ACK_UNEXPECTED,
	BAM_DMUX_PC_DOWN_TX_TIMEOUT,
	BAM_DMUX_RX_LARGE_ON,
	BAM_DMUX_RX_LARGE_OFF,
	BAM_DMUX_RX_SIGNAL_UNEXPECTED,
	BAM_DMUX_RX_MTU_CONFLICT,
	BAM_DMUX_RX_QMAP_TRUNCATED_HDR,
	BAM_DMUX_RX_QMAP_ZERO_LEN,
	BAM_DMUX_RX_QMAP_PAST_BUF,
	BAM_DMUX_RX_QMAP_BAD_PAD,
	BAM_DMUX_RX_QMAP_BAD_MUX,
	BAM_DMUX_RX_QMAP_BAD_IP,
	BAM_DMUX_RX_QMAP_NO_NEXT_HDR,
	BAM_DMUX_RX_QMAP_BAD_NEXT_HDR,
	BAM_DMUX_RX_QMAP_BAD_CMD_LEN,
	BAM_DMUX_RX_QMAP_UNKNOWN_CMD,
	BAM_DMUX_RX_QMAP_CMD_NOT_REQUEST,
	BAM_DMUX_RX_QMAP_NO_LINK,
	BAM_DMUX_RX_QMAP_CMD_NO_LINK,
	BAM_DMUX_RX_QMAP_FLOW_DISABLE,
	BAM_DMUX_RX_QMAP_FLOW_ENABLE,
	BAM_DMUX_TX_QMAP_ACK,
	BAM_DMUX_TX_QMAP_ACK_DROP,
	BAM_DMUX_TX_AGG_NOMEM,
	BAM_DMUX_NR_DEV_STATS,
};

/**
 * enum bam_dmux_link_drop - per-link drop reasons
 * @BAM_DMUX_DROP_RX_BAD_LEN: RX frame with a length past the transfer
 * @BAM_DMUX_DROP_RX_LEN_UNKNOWN: RX frame with length 0xffff from a
 *	transport that does not know transfer lengths
 * @BAM_DMUX_DROP_RX_NOMEM: no memory for the packet's skb
 * @BAM_DMUX_DROP_TX_CLOSED: TX while the modem had the channel closed
 * @BAM_DMUX_DROP_TX_TOO_BIG: TX packet larger than a frame can carry
 * @BAM_DMUX_DROP_TX_NOMEM: no memory to make room for the header
 * @BAM_DMUX_DROP_TX_POWER: the modem did not power up for the frame
 * @BAM_DMUX_DROP_TX_ABORTED: the frame was taken back from the pipe
 * @BAM_DMUX_DROP_TX_DMA_ERROR: the transport failed the frame
 * @BAM_DMUX_DROP_TX_QMAP_MODE: IP packet on a raw link while its
 *	channel carries QMAP: the modem has no raw-IP session then
 * @BAM_DMUX_NR_LINK_DROPS: number of reasons
 */
enum bam_dmux_link_drop {
	BAM_DMUX_DROP_RX_BAD_LEN,
	BAM_DMUX_DROP_RX_LEN_UNKNOWN,
	BAM_DMUX_DROP_RX_NOMEM,
	BAM_DMUX_DROP_TX_CLOSED,
	BAM_DMUX_DROP_TX_TOO_BIG,
	BAM_DMUX_DROP_TX_NOMEM,
	BAM_DMUX_DROP_TX_POWER,
	BAM_DMUX_DROP_TX_ABORTED,
	BAM_DMUX_DROP_TX_DMA_ERROR,
	BAM_DMUX_DROP_TX_QMAP_MODE,
	BAM_DMUX_NR_LINK_DROPS,
};

/* The first TX reason; everything before it is an RX drop. */
#define BAM_DMUX_DROP_TX_FIRST	BAM_DMUX_DROP_TX_CLOSED

/**
 * struct bam_dmux_link_stats - per-CPU counters of one link
 * @rx_packets: packets delivered to the stack
 * @rx_bytes: bytes delivered to the stack
 * @rx_csum_ok: packets delivered with a checksum the modem verified
 * @tx_packets: packets the transport completed
 * @tx_bytes: bytes the transport completed (IP payload only)
 * @drops: one counter per &enum bam_dmux_link_drop
 * @syncp: 64-bit consistency on 32-bit hosts
 *
 * Written with bottom halves disabled only, so one CPU never has two
 * writers.
 */
struct bam_dmux_link_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t rx_csum_ok;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[BAM_DMUX_NR_LINK_DROPS];
	struct u64_stats_sync syncp;
};

/**
 * struct bam_dmux_link_sum - a link's counters summed over all CPUs
 * @rx_packets: see &struct bam_dmux_link_stats
 * @rx_bytes: see &struct bam_dmux_link_stats
 * @rx_csum_ok: see &struct bam_dmux_link_stats
 * @tx_packets: see &struct bam_dmux_link_stats
 * @tx_bytes: see &struct bam_dmux_link_stats
 * @drops: see &struct bam_dmux_link_stats
 */
struct bam_dmux_link_sum {
	u64 rx_packets;
	u64 rx_bytes;
	u64 rx_csum_ok;
	u64 tx_packets;
	u64 tx_bytes;
	u64 drops[BAM_DMUX_NR_LINK_DROPS];
};

/**
 * struct bam_dmux_agg - the UL aggregate a QMAP link is filling
 * @lock: serialises the link's xmit, the timer and ndo_stop; frames are
 *	queued to the TX path under it, so aggregates leave in order
 * @skb: the aggregate (MAP frames back to back, room for the DMUX header
 *	in front), or NULL
 * @acc: fill and limits of @skb
 * @packets: IP packets in @skb
 * @ip_bytes: their IP length
 * @start_ns: when @skb got its first packet
 * @deadline_ns: when @skb must leave
 * @last_ns: when the link last sent a packet
 * @timer: sends @skb once it is as old as the time limit
 */
struct bam_dmux_agg {
	spinlock_t lock;	/* see above */
	struct sk_buff *skb;
	struct qmap_agg acc;
	unsigned int packets;
	unsigned int ip_bytes;
	u64 start_ns;
	u64 deadline_ns;
	u64 last_ns;
	struct hrtimer timer;
};

/**
 * struct bam_dmux_link - one network link (driver part of the netdev priv)
 * @dmux: the BAM-DMUX instance
 * @ndev: the network device
 * @ch: DMUX channel
 * @mux_id: QMAP mux id, 0 for the raw-IP link of @ch
 * @qmap_fmt: MAP format of a QMAP link, that of its channel
 * @flow_off: the modem disabled the flow of this mux (QMAP command);
 *	the queue stays stopped until it enables it again
 * @agg: UL aggregation state (QMAP links)
 * @stats: per-CPU counters
 */
struct bam_dmux_link {
	struct bam_dmux *dmux;
	struct net_device *ndev;
	u8 ch;
	u8 mux_id;
	enum qmap_format qmap_fmt;
	bool flow_off;
	struct bam_dmux_agg agg;
	struct bam_dmux_link_stats __percpu *stats;
};

/* Bits of &struct bam_dmux_channel.flags */
enum {
	BAM_DMUX_CH_REMOTE_OPEN,	/* the modem has the channel open */
	BAM_DMUX_CH_ANNOUNCED,		/* the modem opened it at least once */
	BAM_DMUX_CH_LOCAL_OPEN,		/* a link on the channel is up */
	BAM_DMUX_CH_OPEN_SENT,		/* our OPEN went out since the last CLOSE */
	BAM_DMUX_CH_TX_OPEN,		/* DATA may follow our OPEN (tx_lock) */
	BAM_DMUX_CH_QMAP,		/* QMAP links exist: QMAP framing */
	BAM_DMUX_CH_DEFAULT_LINK,	/* its default link was asked for */
};

/**
 * struct bam_dmux_channel - state of one DMUX channel
 * @flags: BAM_DMUX_CH_* bits, changed atomically
 * @users: links of the channel that are up (RTNL)
 * @raw: the raw-IP link of the channel (RCU, written under RTNL)
 * @muxes: QMAP links by mux id (read under RCU, written under RTNL and
 *	carrier_lock)
 * @qmap_links: number of entries in @muxes (RTNL)
 * @qmap_fmt: MAP format of the QMAP links, set by the first (RTNL; read
 *	by the RX path while %BAM_DMUX_CH_QMAP is set)
 */
struct bam_dmux_channel {
	unsigned long flags;
	unsigned int users;
	struct bam_dmux_link __rcu *raw;
	struct xarray muxes;
	unsigned int qmap_links;
	enum qmap_format qmap_fmt;
};

/**
 * struct bam_dmux_slot - a ring entry: one buffer and its completion
 * @buf: what the transport sees
 * @len: RX: bytes written, as the transport reported
 * @err: completion status from the transport
 * @done: set (release) by the completion, cleared by the ring owner
 * @queued: RX: the transport owns the buffer
 */
struct bam_dmux_slot {
	struct bam_dmux_buf buf;
	unsigned int len;
	int err;
	bool done;
	bool queued;
};

/**
 * struct bam_dmux_tx_cb - per-frame state kept in skb->cb while queued
 * @link: link that sent the frame, NULL for commands or once the link
 *	is gone (tx_lock)
 * @bql_len: bytes accounted to the link's BQL when queued
 * @ip_len: IP bytes of the frame's packets, for the link's tx_bytes
 * @packets: IP packets in the frame (a QMAP aggregate holds several)
 * @map_ack: the frame answers a QMAP command of the modem
 */
struct bam_dmux_tx_cb {
	struct bam_dmux_link *link;
	unsigned int bql_len;
	unsigned int ip_len;
	unsigned int packets;
	bool map_ack;
};

#define BAM_DMUX_TX_CB(skb)	((struct bam_dmux_tx_cb *)(skb)->cb)

/**
 * struct bam_dmux - one BAM-DMUX instance
 * @dev: the transport's device; carries runtime PM and the WWAN device
 * @dma_dev: device to map buffers for, NULL when the transport copies
 * @ops: transport operations
 * @tp: transport context
 * @ch: per-channel state
 * @dying: set once destroy began: no new frames, callbacks ignored
 * @carrier_lock: orders the carrier of new links against the modem's
 *	OPEN and CLOSE
 * @rx_len_known: the transport reports the real length of RX transfers
 * @napi_dev: dummy netdev that carries @napi
 * @napi: processes RX buffers and TX completions
 * @rx: RX ring, owned by @napi while the modem is powered
 * @rx_fifo: RX slot numbers in submission order
 * @rx_fifo_head: oldest entry of @rx_fifo (free running)
 * @rx_fifo_tail: next free entry of @rx_fifo (free running)
 * @rx_queued: RX buffers the transport owns
 * @rx_frag: memory of the RX buffers (NAPI, or power-up with NAPI off)
 * @rx_retry: polls again when no RX buffer could be queued at all
 * @rx_buf_size: size of newly queued RX buffers: the default size, or
 *	@dl_size while the modem asks for large buffers
 * @rx_large: the modem asks for large buffers (NAPI)
 * @rx_gro: packets go through GRO: set while the NAPI poll processes RX
 * @mtu_latched: @dyn_mtu and @ul_mtu were set by the modem's first OPEN
 *	since it (re)started (NAPI)
 * @rx_pool: RX buffers to keep queued (ethtool -G rx)
 * @dl_size: large RX buffer size offered in our OPEN (ethtool -G
 *	rx-buf-len)
 * @dyn_mtu: the modem's last OPEN offered dynamic MTU
 * @ul_mtu: largest UL frame the modem accepts, header included
 * @agg_bytes: UL aggregate size limit, MAP headers included (ethtool -C
 *	tx-aggr-max-bytes)
 * @agg_frames: packets per UL aggregate, 1 = off (tx-aggr-max-frames)
 * @agg_time_us: longest a packet waits in an aggregate
 *	(tx-aggr-time-usecs)
 * @tx_lock: protects @tx, @tx_head, @tx_tail, @tx_ready, @tx_deferred and
 *	the link pointers of queued frames
 * @tx: TX ring
 * @tx_head: next free TX slot
 * @tx_tail: oldest TX slot in flight
 * @tx_ready: the TX pipe runs; frames may go to the transport
 * @tx_stopped: the links' queues are stopped for lack of room
 * @tx_deferred: frames waiting for the modem to power up or for room
 * @tx_wake_work: powers the modem up for deferred frames; delayed only
 *	when it retries after a failed power-up
 * @tx_running: the transport's TX pipe was started (pc_lock)
 * @tx_wanted: runtime PM is active: the TX pipe runs whenever the modem
 *	is powered (pc_lock)
 * @pc_lock: serialises modem power transitions and TX pipe changes
 * @modem_pc: last power level the modem reported
 * @rx_powered: RX pipe running with buffers queued
 * @pc_down_pending: the modem asked to power down while TX frames were
 *	in flight; they drain before the power-down is acked
 * @pc_down_work: completes a pending power-down once TX drained, or
 *	after %BAM_DMUX_REMOTE_TIMEOUT_MS if the modem never completes them
 * @pc_down_deadline: jiffies by which a pending power-down completes
 * @tx_watch_work: while runtime PM wants the TX pipe and it does not run
 *	(the modem stays down, or the pipe did not start), retries and drops
 *	the data frames that waited %BAM_DMUX_REMOTE_TIMEOUT_MS
 * @no_pc: the modem sent OPEN_NO_A2_PC: it keeps the A2 powered and no
 *	longer listens to the vote, until it restarts
 * @vote: the AP power vote
 * @ack_pending: a vote change waits for the modem's ack
 * @ack: completed by the modem's ack toggle
 * @power_wq: woken when @rx_powered changes
 * @register_work: registers the WWAN ops once channels are announced
 * @mtu_work: bounds the QMAP links by a UL limit the modem changed
 * @wwan_registered: wwan_register_ops() succeeded
 * @stats: device-wide counters, &enum bam_dmux_dev_stat
 */
struct bam_dmux {
	struct device *dev;
	struct device *dma_dev;
	const struct bam_dmux_transport_ops *ops;
	void *tp;

	struct bam_dmux_channel ch[BAM_DMUX_NUM_CH];
	bool dying;
	spinlock_t carrier_lock;	/* see above */
	bool rx_len_known;

	struct net_device *napi_dev;
	struct napi_struct napi;
	struct bam_dmux_slot rx[BAM_DMUX_RX_POOL_MAX];
	u8 rx_fifo[BAM_DMUX_RX_POOL_MAX];
	unsigned int rx_fifo_head;
	unsigned int rx_fifo_tail;
	unsigned int rx_queued;
	struct page_frag_cache rx_frag;
	struct timer_list rx_retry;
	unsigned int rx_buf_size;
	bool rx_large;
	bool rx_gro;
	bool mtu_latched;
	unsigned int rx_pool;
	unsigned int dl_size;
	bool dyn_mtu;
	unsigned int ul_mtu;
	u32 agg_bytes;
	u32 agg_frames;
	u32 agg_time_us;

	spinlock_t tx_lock;	/* see above */
	struct bam_dmux_slot tx[BAM_DMUX_TX_RING];
	unsigned int tx_head;
	unsigned int tx_tail;
	bool tx_ready;
	bool tx_stopped;
	struct sk_buff_head tx_deferred;
	struct delayed_work tx_wake_work;
	bool tx_running;
	bool tx_wanted;

	struct mutex pc_lock;	/* see above */
	bool modem_pc;
	bool rx_powered;
	bool pc_down_pending;
	struct delayed_work pc_down_work;
	unsigned long pc_down_deadline;
	struct delayed_work tx_watch_work;
	bool no_pc;
	bool vote;
	bool ack_pending;
	struct completion ack;
	wait_queue_head_t power_wq;

	struct delayed_work register_work;
	struct work_struct mtu_work;
	bool wwan_registered;

	atomic64_t stats[BAM_DMUX_NR_DEV_STATS];
};

static inline void bam_dmux_count(struct bam_dmux *dmux,
				  enum bam_dmux_dev_stat stat)
{
	atomic64_inc(&dmux->stats[stat]);
}

/* rx.c */
unsigned int bam_dmux_rx_handle(struct bam_dmux *dmux, void *data,
				unsigned int len, unsigned int size);
bool bam_dmux_rx_deliver(struct bam_dmux *dmux, struct bam_dmux_link *link,
			 const void *pkt, unsigned int len,
			 unsigned int truesize, bool ip_only, bool csum_ok);
void bam_dmux_rx_reset_mtu(struct bam_dmux *dmux);
int bam_dmux_rx_fill(struct bam_dmux *dmux, gfp_t gfp);
int bam_dmux_rx_process(struct bam_dmux *dmux, int budget, bool refill);
void bam_dmux_rx_free(struct bam_dmux *dmux);

/* qmap.c */
unsigned int bam_dmux_qmap_rx(struct bam_dmux *dmux, u8 ch, void *data,
			      unsigned int len, unsigned int size);
enum qmap_format bam_dmux_qmap_ul_format(struct bam_dmux_link *link);
int bam_dmux_qmap_push_hdr(struct bam_dmux_link *link, struct sk_buff *skb,
			   enum qmap_format fmt);
int bam_dmux_qmap_build_hdr(struct bam_dmux_link *link, void *hdr,
			    const struct sk_buff *skb, enum qmap_format fmt);
unsigned int bam_dmux_qmap_ul_overhead(enum qmap_format fmt);
void bam_dmux_qmap_prep_csum(const struct sk_buff *skb, void *ip,
			     enum qmap_format fmt);
bool bam_dmux_qmap_can_offload(const struct sk_buff *skb);
unsigned int bam_dmux_qmap_max_mtu(struct bam_dmux *dmux);

/* tx_agg.c */
void bam_dmux_agg_init(struct bam_dmux_link *link);
netdev_tx_t bam_dmux_agg_xmit(struct bam_dmux_link *link, struct sk_buff *skb,
			      enum qmap_format fmt);
void bam_dmux_agg_stop(struct bam_dmux_link *link);

/* tx.c */
void bam_dmux_tx_link_frame(struct bam_dmux_link *link, struct sk_buff *skb,
			    unsigned int ip_len, unsigned int packets);
#if IS_ENABLED(CONFIG_KUNIT)
int bam_dmux_tx_build_data(struct sk_buff *skb, u8 ch);
struct sk_buff *bam_dmux_tx_build_cmd(u8 ch, u8 cmd, gfp_t gfp);
u8 bam_dmux_tx_open_signal(struct bam_dmux *dmux);
#endif
netdev_tx_t bam_dmux_tx_xmit(struct bam_dmux_link *link, struct sk_buff *skb);
void bam_dmux_tx_cmd(struct bam_dmux *dmux, u8 ch, enum bam_dmux_cmd cmd);
void bam_dmux_tx_chan_closed(struct bam_dmux *dmux, u8 ch);
bool bam_dmux_tx_power_failed(struct bam_dmux *dmux);
unsigned int bam_dmux_tx_in_flight(struct bam_dmux *dmux);
void bam_dmux_tx_reclaim(struct bam_dmux *dmux);
void bam_dmux_tx_kick(struct bam_dmux *dmux);
void bam_dmux_tx_abort(struct bam_dmux *dmux, bool purge);
void bam_dmux_tx_forget_link(struct bam_dmux *dmux,
			     struct bam_dmux_link *link);
void bam_dmux_tx_map_cmd(struct bam_dmux *dmux, u8 ch, const void *frame,
			 unsigned int len);
void bam_dmux_tx_set_flow(struct bam_dmux *dmux, struct bam_dmux_link *link,
			  bool off);
void bam_dmux_tx_flow_reset(struct bam_dmux *dmux, u8 ch);
void bam_dmux_tx_wake_work(struct work_struct *work);
bool bam_dmux_tx_idle(struct bam_dmux *dmux);

/* power.c */
void bam_dmux_power_init(struct bam_dmux *dmux);
void bam_dmux_power_shutdown(struct bam_dmux *dmux);
void bam_dmux_power_tx_drained(struct bam_dmux *dmux);
void bam_dmux_napi_kick(struct bam_dmux *dmux);

/* link.c */
void bam_dmux_link_remote_open(struct bam_dmux *dmux, u8 ch);
void bam_dmux_link_remote_close(struct bam_dmux *dmux, u8 ch);
void bam_dmux_link_open(struct bam_dmux_link *link);
void bam_dmux_link_close(struct bam_dmux_link *link);
void bam_dmux_link_register_work(struct work_struct *work);
#if IS_ENABLED(CONFIG_KUNIT)
struct wwan_link_desc;
struct netlink_ext_ack;
int bam_dmux_link_id_from_desc(void *ctxt, const struct wwan_link_desc *desc,
			       u32 *link_id, struct netlink_ext_ack *extack);
int bam_dmux_link_desc(void *ctxt, u32 link_id, struct wwan_link_desc *desc);
#endif
void bam_dmux_link_mtu_work(struct work_struct *work);
void bam_dmux_link_unregister(struct bam_dmux *dmux);
struct bam_dmux_link *bam_dmux_link_lookup(struct bam_dmux *dmux, u8 ch,
					   u8 mux_id);
void bam_dmux_link_wake_all(struct bam_dmux *dmux);
bool bam_dmux_any_channel_open(struct bam_dmux *dmux);
void bam_dmux_link_update_max_mtu(struct bam_dmux *dmux);

/* netdev.c */
void bam_dmux_netdev_setup(struct net_device *ndev);
void bam_dmux_link_drop(struct bam_dmux_link *link,
			enum bam_dmux_link_drop reason);
void bam_dmux_link_rx(struct bam_dmux_link *link, unsigned int len,
		      bool csum_ok);
void bam_dmux_link_tx(struct bam_dmux_link *link, unsigned int packets,
		      unsigned int len);
void bam_dmux_link_drop_n(struct bam_dmux_link *link,
			  enum bam_dmux_link_drop reason, unsigned int packets);
void bam_dmux_link_read_stats(struct bam_dmux_link *link,
			      struct bam_dmux_link_sum *sum);

/* ethtool.c */
extern const struct ethtool_ops bam_dmux_ethtool_ops;
extern const char * const bam_dmux_dev_stat_names[BAM_DMUX_NR_DEV_STATS];
extern const char * const bam_dmux_link_drop_names[BAM_DMUX_NR_LINK_DROPS];

#endif /* _BAM_DMUX_H */

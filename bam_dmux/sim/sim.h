/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bam_dmux_sim: a simulated Qualcomm A2 modem behind the BAM-DMUX transport
 * interface, so that the driver core can run without the hardware.
 *
 * The simulator plays both halves of what the real transport talks to: the
 * BAM DMA engine (it owns the RX and TX buffers the core hands over and
 * completes them in order) and the A2 firmware on the far side (channel
 * OPEN/CLOSE, the power-control handshake, one modem-side network device
 * per channel so that real IP traffic can flow end to end).
 */
#ifndef _BDSIM_H
#define _BDSIM_H

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/kfifo.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

/* The only driver header: the interface the simulator implements. */
#include "bam_dmux_transport.h"
#include "wire.h"

struct file;
struct seq_file;

#define BDSIM_DRV_NAME			"bam_dmux_sim"

/* Buffers the sim can hold per direction: more than the largest RX pool. */
#define BDSIM_RING_SIZE			512
/* Control and fault frames waiting for an RX buffer. */
#define BDSIM_CTRL_SIZE			64
/* Packets from the peers waiting for an RX buffer, all channels together. */
#define BDSIM_DLQ_MAX			512
/* Frames one run of the DL or UL worker handles before it yields. */
#define BDSIM_BUDGET			64
/* Smallest RX buffer accepted: every control and fault frame fits in it. */
#define BDSIM_RX_MIN_SIZE		64
/* Largest UL frame the A2 accepts without dynamic MTU. */
#define BDSIM_UL_MTU			BDSIM_BUF_SIZE
/* Largest UL frame the modem offers by default: size code 3. */
#define BDSIM_UL_MTU_DEFAULT		BDSIM_DYN_MAX_SIZE
/* Aggregation limits of a QMAP channel unless data_format says otherwise. */
#define BDSIM_DL_MAX_DGRAMS_DEFAULT	32
#define BDSIM_DL_MAX_DGRAMS_LIMIT	256
#define BDSIM_DL_MAX_SIZE_MIN		64
/* MAP flow commands sent and not acked yet, all channels together. */
#define BDSIM_FLOW_PENDING		16
/* Mux ids: a bitmap index per possible value of the MAP header's byte. */
#define BDSIM_MUX_IDS			256
/* A "late" ack arrives after the core's 2000 ms timeout. */
#define BDSIM_LATE_ACK_MS		3000

#define BDSIM_IDLE_MS_DEFAULT		200
#define BDSIM_ACK_DELAY_MS_DEFAULT	1
#define BDSIM_RESTART_DELAY_MS_DEFAULT	50

#define BDSIM_ALL_CHANNELS		GENMASK(BDSIM_NUM_CH - 1, 0)

/**
 * enum bdsim_pc_state - the A2 power level and where its handshake stands
 * @BDSIM_PC_DOWN: pc is 0 and the host acknowledged it
 * @BDSIM_PC_UP_WAIT_ACK: pc was raised; no DL frame until the host acks
 * @BDSIM_PC_UP: pc is 1 and acknowledged: DL frames may flow
 * @BDSIM_PC_DOWN_WAIT_ACK: pc was dropped; DL is held until the host acks
 */
enum bdsim_pc_state {
	BDSIM_PC_DOWN,
	BDSIM_PC_UP_WAIT_ACK,
	BDSIM_PC_UP,
	BDSIM_PC_DOWN_WAIT_ACK,
};

/**
 * enum bdsim_restart_phase - progress of a simulated modem restart
 * @BDSIM_RESTART_NONE: no restart in progress
 * @BDSIM_RESTART_CLOSING: CLOSE frames for the open channels are queued
 * @BDSIM_RESTART_POWERDOWN: pc was dropped, waiting for the host ack
 * @BDSIM_RESTART_DELAY: the modem is "rebooting" for restart_delay_ms
 */
enum bdsim_restart_phase {
	BDSIM_RESTART_NONE,
	BDSIM_RESTART_CLOSING,
	BDSIM_RESTART_POWERDOWN,
	BDSIM_RESTART_DELAY,
};

/**
 * enum bdsim_ctrl_kind - a DL frame that does not carry a peer's packet
 * @BDSIM_CTRL_OPEN: OPEN for a channel (the modem announces it)
 * @BDSIM_CTRL_CLOSE: CLOSE for a channel
 * @BDSIM_CTRL_OPEN_NO_PC: OPEN_NO_A2_PC; the modem stops power collapse
 * @BDSIM_CTRL_STATUS: STATUS, a command the driver must ignore
 * @BDSIM_CTRL_BAD_MAGIC: DATA frame with a wrong magic
 * @BDSIM_CTRL_BAD_LEN: DATA frame whose len runs past the transfer
 * @BDSIM_CTRL_BAD_CHANNEL: DATA frame for channel 200
 * @BDSIM_CTRL_BAD_CMD: frame with the unknown command 9
 * @BDSIM_CTRL_DATA_CLOSED: valid DATA frame on a channel that is not open
 * @BDSIM_CTRL_SHORT: a 3-byte transfer, shorter than the header
 * @BDSIM_CTRL_DMA_ERROR: the RX buffer completes with -EIO
 * @BDSIM_CTRL_LEN_FFFF: DATA frame with len 0xffff ("take the length from
 *	the transfer")
 * @BDSIM_CTRL_LEN_PAST_BUF: DATA frame whose len runs past the RX buffer
 * @BDSIM_CTRL_MAP_FLOW: MAP flow-control command on a QMAP channel
 * @BDSIM_CTRL_MAP_BAD_PAD: QMAP frame whose MAP packet has pad = pkt_len
 * @BDSIM_CTRL_MAP_TRUNCATED: QMAP aggregate whose second MAP packet runs
 *	past the transfer
 * @BDSIM_CTRL_MAP_LEN0: QMAP aggregate starting with a pkt_len 0 MAP header
 * @BDSIM_CTRL_MAP_BAD_CMD: QMAP frame with a MAP command of unknown name
 * @BDSIM_CTRL_MAP_V4_CUT: QMAPv4 frame whose MAP packet's trailer
 *	runs past the transfer
 */
enum bdsim_ctrl_kind {
	BDSIM_CTRL_OPEN,
	BDSIM_CTRL_CLOSE,
	BDSIM_CTRL_OPEN_NO_PC,
	BDSIM_CTRL_STATUS,
	BDSIM_CTRL_BAD_MAGIC,
	BDSIM_CTRL_BAD_LEN,
	BDSIM_CTRL_BAD_CHANNEL,
	BDSIM_CTRL_BAD_CMD,
	BDSIM_CTRL_DATA_CLOSED,
	BDSIM_CTRL_SHORT,
	BDSIM_CTRL_DMA_ERROR,
	BDSIM_CTRL_LEN_FFFF,
	BDSIM_CTRL_LEN_PAST_BUF,
	BDSIM_CTRL_MAP_FLOW,
	BDSIM_CTRL_MAP_BAD_PAD,
	BDSIM_CTRL_MAP_TRUNCATED,
	BDSIM_CTRL_MAP_LEN0,
	BDSIM_CTRL_MAP_BAD_CMD,
	BDSIM_CTRL_MAP_V4_CUT,
};

/**
 * struct bdsim_ctrl - one queued control or fault frame
 * @kind: an &enum bdsim_ctrl_kind
 * @ch: the channel it concerns
 * @signal: signal byte of the header (OPEN: the dynamic-MTU offer)
 * @mux: mux id, for %BDSIM_CTRL_MAP_FLOW
 * @name: MAP command name, for %BDSIM_CTRL_MAP_FLOW
 * @txid: MAP transaction id, for %BDSIM_CTRL_MAP_FLOW
 */
struct bdsim_ctrl {
	u8 kind;
	u8 ch;
	u8 signal;
	u8 mux;
	u8 name;
	u32 txid;
};

/**
 * enum bdsim_ctr - event counters, printed by the ``stats`` file
 * @BDSIM_CTR_VOTES_ON: host raised its power vote
 * @BDSIM_CTR_VOTES_OFF: host dropped its power vote
 * @BDSIM_CTR_VOTES_UNCHANGED: set_vote() to the level already set (no edge)
 * @BDSIM_CTR_ACKS_SENT: vote acks delivered with bam_dmux_modem_ack()
 * @BDSIM_CTR_ACKS_LOST: vote acks swallowed by the lose_ack fault
 * @BDSIM_CTR_ACKS_LATE: vote acks delayed by the late_ack fault
 * @BDSIM_CTR_POWER_UPS: pc raised (bam_dmux_modem_pc(true))
 * @BDSIM_CTR_POWER_DOWNS: pc dropped (bam_dmux_modem_pc(false))
 * @BDSIM_CTR_PC_ACKS: host toggle_ack() answering a pc change
 * @BDSIM_CTR_UNEXPECTED_ACKS: host toggle_ack() with no pc change pending
 * @BDSIM_CTR_RESTARTS: modem restarts started
 * @BDSIM_CTR_MODEM_OPENS: OPEN/OPEN_NO_A2_PC frames sent to the host
 * @BDSIM_CTR_MODEM_CLOSES: CLOSE frames sent to the host
 * @BDSIM_CTR_HOST_OPENS: OPEN frames received from the host
 * @BDSIM_CTR_HOST_CLOSES: CLOSE frames received from the host
 * @BDSIM_CTR_HOST_DUP_OPENS: host OPEN for a channel it had open already
 * @BDSIM_CTR_HOST_CLOSE_NOT_OPEN: host CLOSE for a channel it had not open
 * @BDSIM_CTR_HOST_OPEN_UNANNOUNCED: host OPEN for a channel not announced
 * @BDSIM_CTR_RX_SUBMITTED: RX buffers accepted
 * @BDSIM_CTR_RX_COMPLETED: RX buffers completed, errors included
 * @BDSIM_CTR_RX_REFUSED: rx_submit() refused (pipe stopped, full, bad)
 * @BDSIM_CTR_RX_DMA_ERRORS: RX buffers completed with -EIO
 * @BDSIM_CTR_TX_SUBMITTED: TX frames accepted
 * @BDSIM_CTR_TX_COMPLETED: TX frames completed, errors included
 * @BDSIM_CTR_TX_REFUSED: tx_submit() refused (pipe stopped, full, bad)
 * @BDSIM_CTR_TX_DMA_ERRORS: TX frames completed with -EIO
 * @BDSIM_CTR_PIPE_ERRORS: rx_start()/tx_start() of a running pipe
 * @BDSIM_CTR_FAULT_FRAMES: malformed or odd frames written to RX buffers
 * @BDSIM_CTR_FLOOD_FRAMES: frames written by the DL generator
 * @BDSIM_CTR_FLOOD_ABORTED: DL generator runs stopped before the end
 * @BDSIM_CTR_PEER_STOPS: peer queues stopped for lack of RX buffers
 * @BDSIM_CTR_PEER_WAKES: peer queues woken again
 * @BDSIM_CTR_CRASHES: modem crashes (``echo crash > restart``)
 * @BDSIM_CTR_RX_ABANDONED: RX buffers a crash left uncompleted
 * @BDSIM_CTR_TX_ABANDONED: TX frames a crash left uncompleted
 * @BDSIM_CTR_FORCED_COLLAPSES: pc drops of collapse_ms, votes or not
 * @BDSIM_CTR_VOTES_AFTER_NO_PC: host set_vote() calls after OPEN_NO_A2_PC,
 *	never acked
 * @BDSIM_CTR_HOST_OPENS_DYN_MTU: host OPENs that negotiated dynamic MTU
 * @BDSIM_CTR_HOST_OPEN_DYN_UNOFFERED: host OPEN with the dynamic-MTU bit
 *	although the modem's OPEN offered nothing
 * @BDSIM_CTR_DATA_FORMAT_SET: data_format lines taken
 * @BDSIM_CTR_DATA_FORMAT_NO_DYN_MTU: QMAP refused: the channel's host OPEN
 *	did not negotiate dynamic MTU
 * @BDSIM_CTR_DATA_FORMAT_CLOSED: QMAP refused: channel not open
 * @BDSIM_CTR_DATA_FORMAT_INVALID: malformed data_format line
 * @BDSIM_CTR_MUX_BINDS: mux peers created by bind_mux
 * @BDSIM_CTR_MUX_UNBINDS: mux peers removed by unbind_mux
 * @BDSIM_CTR_DL_LARGE_ON: DL DATA signal bit 1 went from clear to set
 * @BDSIM_CTR_DL_LARGE_OFF: DL DATA signal bit 1 went from set to clear
 * @BDSIM_CTR_DL_SMALL_BUF: RX buffers smaller than the negotiated DL size
 *	used more than pool buffers after the bit went on
 * @BDSIM_CTR_DL_QMAP_FRAMES: DL aggregates written
 * @BDSIM_CTR_DL_QMAP_PACKETS: MAP data packets in them
 * @BDSIM_CTR_DL_QMAP_CSUM_VALID: of those, MAPv4 and MAPv5 ones marked
 *	checksum valid
 * @BDSIM_CTR_UL_QMAP_FRAMES: DMUX DATA frames parsed as MAP
 * @BDSIM_CTR_UL_QMAP_PACKETS: MAP data packets handed to a mux peer
 * @BDSIM_CTR_UL_QMAP_CSUM_DONE: of those, checksums the modem computed on
 *	a MAPv4 or MAPv5 request
 * @BDSIM_CTR_FLOW_CMDS_SENT: MAP flow commands written to the host
 * @BDSIM_CTR_FLOW_CMDS_DROPPED: flow commands not sent: the channel left
 *	QMAP mode or closed before an RX buffer came
 * @BDSIM_CTR_FLOW_ACKS: host ACKs matching a pending flow command
 * @BDSIM_CTR_NUM: number of counters
 */
enum bdsim_ctr {
	BDSIM_CTR_VOTES_ON,
	BDSIM_CTR_VOTES_OFF,
	BDSIM_CTR_VOTES_UNCHANGED,
	BDSIM_CTR_ACKS_SENT,
	BDSIM_CTR_ACKS_LOST,
	BDSIM_CTR_ACKS_LATE,
	BDSIM_CTR_POWER_UPS,
	BDSIM_CTR_POWER_DOWNS,
	BDSIM_CTR_PC_ACKS,
	BDSIM_CTR_UNEXPECTED_ACKS,
	BDSIM_CTR_RESTARTS,
	BDSIM_CTR_MODEM_OPENS,
	BDSIM_CTR_MODEM_CLOSES,
	BDSIM_CTR_HOST_OPENS,
	BDSIM_CTR_HOST_CLOSES,
	BDSIM_CTR_HOST_DUP_OPENS,
	BDSIM_CTR_HOST_CLOSE_NOT_OPEN,
	BDSIM_CTR_HOST_OPEN_UNANNOUNCED,
	BDSIM_CTR_RX_SUBMITTED,
	BDSIM_CTR_RX_COMPLETED,
	BDSIM_CTR_RX_REFUSED,
	BDSIM_CTR_RX_DMA_ERRORS,
	BDSIM_CTR_TX_SUBMITTED,
	BDSIM_CTR_TX_COMPLETED,
	BDSIM_CTR_TX_REFUSED,
	BDSIM_CTR_TX_DMA_ERRORS,
	BDSIM_CTR_PIPE_ERRORS,
	BDSIM_CTR_FAULT_FRAMES,
	BDSIM_CTR_FLOOD_FRAMES,
	BDSIM_CTR_FLOOD_ABORTED,
	BDSIM_CTR_PEER_STOPS,
	BDSIM_CTR_PEER_WAKES,
	BDSIM_CTR_CRASHES,
	BDSIM_CTR_RX_ABANDONED,
	BDSIM_CTR_TX_ABANDONED,
	BDSIM_CTR_FORCED_COLLAPSES,
	BDSIM_CTR_VOTES_AFTER_NO_PC,
	BDSIM_CTR_HOST_OPENS_DYN_MTU,
	BDSIM_CTR_HOST_OPEN_DYN_UNOFFERED,
	BDSIM_CTR_DATA_FORMAT_SET,
	BDSIM_CTR_DATA_FORMAT_NO_DYN_MTU,
	BDSIM_CTR_DATA_FORMAT_CLOSED,
	BDSIM_CTR_DATA_FORMAT_INVALID,
	BDSIM_CTR_MUX_BINDS,
	BDSIM_CTR_MUX_UNBINDS,
	BDSIM_CTR_DL_LARGE_ON,
	BDSIM_CTR_DL_LARGE_OFF,
	BDSIM_CTR_DL_SMALL_BUF,
	BDSIM_CTR_DL_QMAP_FRAMES,
	BDSIM_CTR_DL_QMAP_PACKETS,
	BDSIM_CTR_DL_QMAP_CSUM_VALID,
	BDSIM_CTR_UL_QMAP_FRAMES,
	BDSIM_CTR_UL_QMAP_PACKETS,
	BDSIM_CTR_UL_QMAP_CSUM_DONE,
	BDSIM_CTR_FLOW_CMDS_SENT,
	BDSIM_CTR_FLOW_CMDS_DROPPED,
	BDSIM_CTR_FLOW_ACKS,
	BDSIM_CTR_NUM
};

/**
 * enum bdsim_drop - why the modem side dropped a frame or a packet
 * @BDSIM_DROP_UL_SHORT: UL transfer shorter than the header
 * @BDSIM_DROP_UL_BAD_MAGIC: UL frame with a wrong magic
 * @BDSIM_DROP_UL_MODEM_CMD: UL STATUS or OPEN_NO_A2_PC, commands only the
 *	modem sends
 * @BDSIM_DROP_UL_BAD_CMD: UL frame with an unknown command (above 4)
 * @BDSIM_DROP_UL_BAD_CHANNEL: UL frame for channel 8 or above
 * @BDSIM_DROP_UL_TOO_BIG: UL transfer larger than the A2 accepts: 2 KiB,
 *	or the size its OPEN offered
 * @BDSIM_DROP_UL_CMD_LEN: OPEN or CLOSE with a non-zero len or pad
 * @BDSIM_DROP_UL_BAD_LEN: DATA with len 0, or header + len + pad past the
 *	transfer
 * @BDSIM_DROP_UL_BAD_PAD: pad above 4, or len + pad not a multiple of 4
 * @BDSIM_DROP_UL_LONG_XFER: transfer longer than header + len + pad
 * @BDSIM_DROP_UL_DATA_SIGNAL: DATA with signal bits set
 * @BDSIM_DROP_UL_OPEN_SIGNAL: OPEN whose signal is neither 0 nor a
 *	dynamic-MTU request (bit 1 with pool and size codes)
 * @BDSIM_DROP_UL_CLOSE_SIGNAL: CLOSE with signal bits set
 * @BDSIM_DROP_UL_CH_CLOSED: UL DATA on a channel not open on both sides
 * @BDSIM_DROP_UL_NOT_IP: UL DATA whose payload is neither IPv4 nor IPv6
 * @BDSIM_DROP_UL_NO_PEER: UL DATA on a channel without a peer netdev
 * @BDSIM_DROP_UL_PEER_DOWN: the peer netdev is down
 * @BDSIM_DROP_UL_NOMEM: no skb for the peer
 * @BDSIM_DROP_UL_BACKLOG: netif_rx() refused the packet
 * @BDSIM_DROP_UL_DMA_ERROR: UL frame lost to an injected DMA error
 * @BDSIM_DROP_UL_MAP_SHORT: fewer bytes left in the frame than a MAP
 *	header; the rest of the frame is dropped
 * @BDSIM_DROP_UL_MAP_BAD_LEN: MAP pkt_len 0; the rest of the frame is
 *	dropped
 * @BDSIM_DROP_UL_MAP_PAST_FRAME: MAP packet (with its next header) running
 *	past the DMUX payload; the rest of the frame is dropped
 * @BDSIM_DROP_UL_MAP_BAD_PAD: MAP pad not below pkt_len
 * @BDSIM_DROP_UL_MAP_NEXT_HDR: next-header bit on a plain QMAP channel
 * @BDSIM_DROP_UL_MAP_V5_HDR: MAPv5 next header not a lone checksum header
 *	with only the request bit
 * @BDSIM_DROP_UL_MAP_V4_HDR: MAPv4 checksum header that is not all zero
 *	while disabled, or that, enabled, does not name the TCP or UDP
 *	checksum of its packet (start, insert offset, UDP bit)
 * @BDSIM_DROP_UL_MAP_NOT_IP: MAP data packet neither IPv4 nor IPv6
 * @BDSIM_DROP_UL_MAP_IP_LEN: IP length not pkt_len - pad
 * @BDSIM_DROP_UL_MAP_CSUM_PROTO: checksum request on a packet that has no
 *	TCP or UDP checksum to compute
 * @BDSIM_DROP_UL_MAP_UNBOUND: MAP data packet for a mux id not bound
 * @BDSIM_DROP_UL_MAP_FLOW_OFF: MAP data packet on a mux whose FLOW_DISABLE
 *	the host acked (a flow violation)
 * @BDSIM_DROP_UL_MAP_CMD_FORMAT: MAP command with a pad, a next header or
 *	a body other than 16 bytes
 * @BDSIM_DROP_UL_MAP_CMD_NAME: MAP command neither FLOW_DISABLE nor
 *	FLOW_ENABLE
 * @BDSIM_DROP_UL_MAP_CMD_TYPE: MAP command from the host that is not an
 *	ACK
 * @BDSIM_DROP_UL_MAP_ACK_UNMATCHED: ACK matching no pending flow command
 * @BDSIM_DROP_DL_CH_CLOSED: peer packet for a channel not open
 * @BDSIM_DROP_DL_TOO_BIG: peer packet larger than the host's RX buffer
 * @BDSIM_DROP_DL_QUEUE_FULL: DL backlog full
 * @BDSIM_DROP_DL_RESTART: peer packet flushed by a modem restart
 * @BDSIM_DROP_DL_NO_MODEM: peer packet while the modem is not running
 * @BDSIM_DROP_DL_RAW_IN_QMAP: plain peer packet while its channel is in
 *	QMAP mode
 * @BDSIM_DROP_DL_MUX_NOT_QMAP: mux peer packet while its channel is raw-IP
 * @BDSIM_DROP_DL_UNBOUND: mux peer packet flushed by unbind_mux
 * @BDSIM_DROP_DL_CSUM: peer packet whose partial checksum could not be
 *	completed
 * @BDSIM_DROP_NUM: number of drop reasons
 */
enum bdsim_drop {
	BDSIM_DROP_UL_SHORT,
	BDSIM_DROP_UL_BAD_MAGIC,
	BDSIM_DROP_UL_MODEM_CMD,
	BDSIM_DROP_UL_BAD_CMD,
	BDSIM_DROP_UL_BAD_CHANNEL,
	BDSIM_DROP_UL_TOO_BIG,
	BDSIM_DROP_UL_CMD_LEN,
	BDSIM_DROP_UL_BAD_LEN,
	BDSIM_DROP_UL_BAD_PAD,
	BDSIM_DROP_UL_LONG_XFER,
	BDSIM_DROP_UL_DATA_SIGNAL,
	BDSIM_DROP_UL_OPEN_SIGNAL,
	BDSIM_DROP_UL_CLOSE_SIGNAL,
	BDSIM_DROP_UL_CH_CLOSED,
	BDSIM_DROP_UL_NOT_IP,
	BDSIM_DROP_UL_NO_PEER,
	BDSIM_DROP_UL_PEER_DOWN,
	BDSIM_DROP_UL_NOMEM,
	BDSIM_DROP_UL_BACKLOG,
	BDSIM_DROP_UL_DMA_ERROR,
	BDSIM_DROP_UL_MAP_SHORT,
	BDSIM_DROP_UL_MAP_BAD_LEN,
	BDSIM_DROP_UL_MAP_PAST_FRAME,
	BDSIM_DROP_UL_MAP_BAD_PAD,
	BDSIM_DROP_UL_MAP_NEXT_HDR,
	BDSIM_DROP_UL_MAP_V5_HDR,
	BDSIM_DROP_UL_MAP_V4_HDR,
	BDSIM_DROP_UL_MAP_NOT_IP,
	BDSIM_DROP_UL_MAP_IP_LEN,
	BDSIM_DROP_UL_MAP_CSUM_PROTO,
	BDSIM_DROP_UL_MAP_UNBOUND,
	BDSIM_DROP_UL_MAP_FLOW_OFF,
	BDSIM_DROP_UL_MAP_CMD_FORMAT,
	BDSIM_DROP_UL_MAP_CMD_NAME,
	BDSIM_DROP_UL_MAP_CMD_TYPE,
	BDSIM_DROP_UL_MAP_ACK_UNMATCHED,
	BDSIM_DROP_DL_CH_CLOSED,
	BDSIM_DROP_DL_TOO_BIG,
	BDSIM_DROP_DL_QUEUE_FULL,
	BDSIM_DROP_DL_RESTART,
	BDSIM_DROP_DL_NO_MODEM,
	BDSIM_DROP_DL_RAW_IN_QMAP,
	BDSIM_DROP_DL_MUX_NOT_QMAP,
	BDSIM_DROP_DL_UNBOUND,
	BDSIM_DROP_DL_CSUM,
	BDSIM_DROP_NUM
};

/**
 * enum bdsim_ch_ctr - per-channel traffic counters
 * @BDSIM_CH_UL_PACKETS: valid DATA frames the modem took off the TX pipe;
 *	in QMAP mode valid MAP data packets
 * @BDSIM_CH_UL_BYTES: their payload (IP) bytes
 * @BDSIM_CH_DL_PACKETS: DATA frames written to RX buffers; in QMAP mode
 *	MAP data packets
 * @BDSIM_CH_DL_BYTES: their payload (IP) bytes
 * @BDSIM_CH_CTR_NUM: number of per-channel counters
 */
enum bdsim_ch_ctr {
	BDSIM_CH_UL_PACKETS,
	BDSIM_CH_UL_BYTES,
	BDSIM_CH_DL_PACKETS,
	BDSIM_CH_DL_BYTES,
	BDSIM_CH_CTR_NUM
};

/**
 * enum bdsim_fault - keywords of the ``inject`` file, counted when used
 * @BDSIM_FAULT_BAD_MAGIC: DL frame with a wrong magic
 * @BDSIM_FAULT_BAD_LEN: DL frame whose len runs past the transfer
 * @BDSIM_FAULT_BAD_CHANNEL: DL frame for channel 200
 * @BDSIM_FAULT_BAD_CMD: DL frame with command 9
 * @BDSIM_FAULT_DATA_CLOSED: DL DATA on a channel that is not open
 * @BDSIM_FAULT_STATUS: DL STATUS command
 * @BDSIM_FAULT_OPEN_NO_PC: DL OPEN_NO_A2_PC for a channel
 * @BDSIM_FAULT_SHORT: 3-byte DL transfer
 * @BDSIM_FAULT_DMA_ERROR_RX: next RX buffer completes with -EIO
 * @BDSIM_FAULT_DMA_ERROR_TX: next TX frame completes with -EIO
 * @BDSIM_FAULT_LOSE_ACK: next vote ack is never sent
 * @BDSIM_FAULT_LATE_ACK: next vote ack comes after %BDSIM_LATE_ACK_MS
 * @BDSIM_FAULT_CLOSE: the modem closes one channel
 * @BDSIM_FAULT_OPEN: the modem opens one channel
 * @BDSIM_FAULT_ANNOUNCE: set of channels later OPENs announce
 * @BDSIM_FAULT_LEN_FFFF: DL DATA frame with len 0xffff
 * @BDSIM_FAULT_LEN_PAST_BUF: DL DATA frame whose len runs past the buffer
 * @BDSIM_FAULT_MAP_BAD_PAD: QMAP frame with MAP pad = pkt_len
 * @BDSIM_FAULT_MAP_TRUNCATED: QMAP aggregate cut in its second packet
 * @BDSIM_FAULT_MAP_LEN0: QMAP aggregate starting with pkt_len 0
 * @BDSIM_FAULT_MAP_BAD_CMD: QMAP frame with MAP command name 3
 * @BDSIM_FAULT_MAP_V4_CUT: QMAPv4 frame cut in its packet's trailer
 * @BDSIM_FAULT_NUM: number of keywords
 */
enum bdsim_fault {
	BDSIM_FAULT_BAD_MAGIC,
	BDSIM_FAULT_BAD_LEN,
	BDSIM_FAULT_BAD_CHANNEL,
	BDSIM_FAULT_BAD_CMD,
	BDSIM_FAULT_DATA_CLOSED,
	BDSIM_FAULT_STATUS,
	BDSIM_FAULT_OPEN_NO_PC,
	BDSIM_FAULT_SHORT,
	BDSIM_FAULT_DMA_ERROR_RX,
	BDSIM_FAULT_DMA_ERROR_TX,
	BDSIM_FAULT_LOSE_ACK,
	BDSIM_FAULT_LATE_ACK,
	BDSIM_FAULT_CLOSE,
	BDSIM_FAULT_OPEN,
	BDSIM_FAULT_ANNOUNCE,
	BDSIM_FAULT_LEN_FFFF,
	BDSIM_FAULT_LEN_PAST_BUF,
	BDSIM_FAULT_MAP_BAD_PAD,
	BDSIM_FAULT_MAP_TRUNCATED,
	BDSIM_FAULT_MAP_LEN0,
	BDSIM_FAULT_MAP_BAD_CMD,
	BDSIM_FAULT_MAP_V4_CUT,
	BDSIM_FAULT_NUM
};

/**
 * struct bdsim_stats - every counter of one simulated modem
 * @ctr: event counters, indexed by &enum bdsim_ctr
 * @drop: drops, indexed by &enum bdsim_drop
 * @fault: faults injected, indexed by &enum bdsim_fault
 * @ch: per-channel traffic, indexed by channel and &enum bdsim_ch_ctr
 *
 * Atomics, because they are bumped from the workers, the peers' xmit path
 * and the transport ops without a common lock.
 */
struct bdsim_stats {
	atomic64_t ctr[BDSIM_CTR_NUM];
	atomic64_t drop[BDSIM_DROP_NUM];
	atomic64_t fault[BDSIM_FAULT_NUM];
	atomic64_t ch[BDSIM_NUM_CH][BDSIM_CH_CTR_NUM];
};

/**
 * struct bdsim_flood - state of the in-kernel DL packet generator
 * @left: packets still to send; 0 when idle
 * @size: IPv4 packet size in bytes
 * @ch: channel the packets go to
 * @mux: 0 for raw-IP frames; else the mux id of QMAP aggregates
 * @id: IPv4 identification of the next packet
 */
struct bdsim_flood {
	u32 left;
	u16 size;
	u8 ch;
	u8 mux;
	u16 id;
};

/**
 * enum bdsim_fmt - data format of a channel (WDA Set Data Format)
 * @BDSIM_FMT_RAW_IP: one raw IP packet per DMUX DATA frame
 * @BDSIM_FMT_QMAP: MAP frames, DL aggregated
 * @BDSIM_FMT_QMAPV4: MAP frames with MAPv4 checksum offload: a trailer
 *	behind each DL frame, a checksum header in each UL data frame
 * @BDSIM_FMT_QMAPV5: MAP frames with MAPv5 checksum headers
 * @BDSIM_FMT_NUM: number of formats
 */
enum bdsim_fmt {
	BDSIM_FMT_RAW_IP,
	BDSIM_FMT_QMAP,
	BDSIM_FMT_QMAPV4,
	BDSIM_FMT_QMAPV5,
	BDSIM_FMT_NUM
};

/**
 * struct bdsim_channel - modem-side view of one DMUX channel
 * @peers: the &struct bdsim_peer devices of the channel: the raw-IP peer
 *	(mux_id 0), built at probe and torn down at remove, and one per bound
 *	mux. RCU list: changed under &bdsim.cfg_lock and &bdsim.lock, walked
 *	under rcu_read_lock() by the data paths.
 * @dyn_mtu: the host's last OPEN negotiated dynamic MTU (it had bit 1 and
 *	the modem had offered it)
 * @fmt: the data format, an &enum bdsim_fmt
 * @dl_max_size: WDA DL max size; 0 for the negotiated DL size
 * @dl_max_dgrams: WDA DL max datagrams
 * @flow_off: mux ids whose FLOW_DISABLE the host acked (no FLOW_ENABLE
 *	acked since)
 *
 * All but @peers under &bdsim.lock.
 */
struct bdsim_channel {
	struct list_head peers;
	bool dyn_mtu;
	u8 fmt;
	u32 dl_max_size;
	u32 dl_max_dgrams;
	DECLARE_BITMAP(flow_off, BDSIM_MUX_IDS);
};

/**
 * struct bdsim_flow_txn - a MAP flow command waiting for the host's ACK
 * @used: the slot holds a command
 * @ch: its channel
 * @mux: its mux id
 * @name: %BDSIM_MAP_FLOW_DISABLE or %BDSIM_MAP_FLOW_ENABLE
 * @txid: its transaction id
 */
struct bdsim_flow_txn {
	bool used;
	u8 ch;
	u8 mux;
	u8 name;
	u32 txid;
};

/**
 * struct bdsim - one simulated modem
 * @pdev: the platform device
 * @dev: &pdev->dev, the transport device handed to the core, and the A2's
 *	DMA master (32-bit mask) the core maps every buffer for
 * @dmux: the core instance; set before bam_dmux_start(), constant after
 * @lock: protects everything below up to @tx_ring; taken from process,
 *	softirq and (through the ops) possibly hard-irq context
 * @active: started and not being removed; the sim only initiates power
 *	changes, restarts and DL traffic while set
 * @pc_state: A2 power level and handshake, an &enum bdsim_pc_state
 * @restart: restart progress, an &enum bdsim_restart_phase
 * @vote: the host's power vote
 * @no_pc: OPEN_NO_A2_PC was sent: no power collapse, the vote line is
 *	ignored, until a restart or crash
 * @crashed: the modem crashed and has not powered up since: the TX pipe
 *	does not move
 * @crash_drop: a crash still has to drop pc (done by the power work)
 * @ul_stall: the ul_stall control: TX frames stay queued in the sim
 * @acks_due: vote acks to send when @ack_work runs
 * @late_acks_due: vote acks to send when @late_ack_work runs
 * @lose_ack_armed: vote acks still to swallow
 * @late_ack_armed: vote acks still to delay
 * @dma_err_tx_armed: TX frames still to fail with -EIO
 * @last_activity: jiffies of the last UL or DL frame (READ_ONCE/WRITE_ONCE:
 *	the workers update it without the lock)
 * @announced: channels the next announcement opens
 * @remote_open: channels whose OPEN the modem sent (and no CLOSE since)
 * @host_open: channels the host sent OPEN for (and no CLOSE since)
 * @host_signal: signal byte of the host's last OPEN per channel, kept for
 *	dynamic MTU
 * @ul_mtu: the ul_mtu control: the UL size the next announcement offers,
 *	0 for no dynamic MTU
 * @ul_offer: what the OPENs since the last announcement offered; 0 for
 *	nothing (the UL limit is then 2 KiB)
 * @dl_large: the last DL DATA frame of a peer or the generator had signal
 *	bit 1 ("use large DL buffers")
 * @dl_large_used: RX buffers used since @dl_large went on, that frame's
 *	included
 * @dl_large_size: the negotiated DL size when @dl_large went on
 * @dl_large_pool: the negotiated pool size then
 * @flow: MAP flow commands waiting for their ACK
 * @flow_txid: transaction id of the next flow command
 * @flood: DL generator state
 * @ctrl: control and fault frames waiting for an RX buffer
 * @dlq: peer packets waiting for an RX buffer (the skb lock is unused)
 * @dl_busy: the DL worker is writing a frame it took off the queues
 * @ul_busy: the UL worker is handling a frame it took off @tx_ring
 * @rx_running: between rx_start() and rx_stop()
 * @rx_issued: RX buffers at the head of @rx_ring that were flushed
 * @rx_ring: RX buffers owned by the sim, in submission order
 * @tx_running: between tx_start() and tx_stop()
 * @tx_issued: TX frames at the head of @tx_ring that were flushed
 * @tx_ring: TX frames owned by the sim, in submission order
 * @ch: per-channel state
 * @cfg_lock: serialises bind_mux and unbind_mux
 * @idle_ms: power collapse after this much idle time; 0 disables it
 * @ack_delay_ms: delay of a vote ack
 * @restart_delay_ms: time the modem stays down during a restart
 * @collapse_ms: period of the forced power collapse; 0 disables it
 * @rx_len_known: RX completions report the real length (1) or the whole
 *	buffer, the rest of it poisoned (0)
 * @pm_wq: ordered queue of the power state machine: @power_work,
 *	@idle_work and @restart_work never run concurrently
 * @data_wq: queue of the data workers and of the vote acks
 * @power_work: evaluates the power state machine
 * @idle_work: re-evaluates it when the idle time may have run out
 * @restart_work: brings the modem back after @restart_delay_ms
 * @ack_work: sends the vote acks
 * @late_ack_work: sends the late vote acks
 * @collapse_work: forces a power collapse every @collapse_ms (on @pm_wq)
 * @dl_work: writes DL frames into RX buffers and completes them
 * @ul_work: parses TX frames, delivers their payload and completes them
 * @debugfs: this device's debugfs directory
 * @stats: counters
 *
 * Lock order: @lock is innermost and is never held across a call into the
 * core, a netdev, or a blocking workqueue call. The sim never calls the
 * core from within a transport op; it queues work instead.
 */
struct bdsim {
	struct platform_device *pdev;
	struct device *dev;
	struct bam_dmux *dmux;

	spinlock_t lock; /* see the kerneldoc above */
	bool active;
	enum bdsim_pc_state pc_state;
	enum bdsim_restart_phase restart;
	bool vote;
	bool no_pc;
	bool crashed;
	bool crash_drop;
	bool ul_stall;
	unsigned int acks_due;
	unsigned int late_acks_due;
	unsigned int lose_ack_armed;
	unsigned int late_ack_armed;
	unsigned int dma_err_tx_armed;
	unsigned long last_activity;
	u8 announced;
	u8 remote_open;
	u8 host_open;
	u8 host_signal[BDSIM_NUM_CH];
	u32 ul_mtu;
	u32 ul_offer;
	bool dl_large;
	u32 dl_large_used;
	u32 dl_large_size;
	u32 dl_large_pool;
	struct bdsim_flow_txn flow[BDSIM_FLOW_PENDING];
	u32 flow_txid;
	struct bdsim_flood flood;
	DECLARE_KFIFO(ctrl, struct bdsim_ctrl, BDSIM_CTRL_SIZE);
	struct sk_buff_head dlq;
	bool dl_busy;
	bool ul_busy;
	bool rx_running;
	unsigned int rx_issued;
	DECLARE_KFIFO(rx_ring, struct bam_dmux_buf *, BDSIM_RING_SIZE);
	bool tx_running;
	unsigned int tx_issued;
	DECLARE_KFIFO(tx_ring, struct bam_dmux_buf *, BDSIM_RING_SIZE);

	struct bdsim_channel ch[BDSIM_NUM_CH];
	struct mutex cfg_lock; /* see the kerneldoc above */

	u32 idle_ms;
	u32 ack_delay_ms;
	u32 restart_delay_ms;
	u32 collapse_ms;
	bool rx_len_known;

	struct workqueue_struct *pm_wq;
	struct workqueue_struct *data_wq;
	struct work_struct power_work;
	struct delayed_work idle_work;
	struct delayed_work restart_work;
	struct delayed_work ack_work;
	struct delayed_work late_ack_work;
	struct delayed_work collapse_work;
	struct work_struct dl_work;
	struct work_struct ul_work;

	struct dentry *debugfs;
	struct bdsim_stats stats;
};

/**
 * struct bdsim_peer - private data of a modem-side network device
 * @sim: the modem
 * @ndev: the network device
 * @node: entry in &struct bdsim_channel.peers
 * @flags: %BDSIM_PEER_STOPPED
 * @ch: DMUX channel
 * @mux_id: 0 for the raw-IP peer; else the QMAP mux id
 * @gone: unbind_mux took it off its list; no packet may be queued any more
 *	(under &bdsim.lock)
 */
struct bdsim_peer {
	struct bdsim *sim;
	struct net_device *ndev;
	struct list_head node;
	unsigned long flags;
	u8 ch;
	u8 mux_id;
	bool gone;
};

/* &struct bdsim_peer.flags bit: queue stopped for lack of RX buffers. */
#define BDSIM_PEER_STOPPED	0

/**
 * struct bdsim_dl_cb - what a queued DL skb carries in skb->cb
 * @peer: the peer that sent it; peers outlive the DL queue
 * @why: drop reason, once the packet is known to be undeliverable
 */
struct bdsim_dl_cb {
	struct bdsim_peer *peer;
	enum bdsim_drop why;
};

static inline struct bdsim_dl_cb *bdsim_dl_cb(struct sk_buff *skb)
{
	return (struct bdsim_dl_cb *)skb->cb;
}

static inline void bdsim_count(struct bdsim *sim, enum bdsim_ctr ctr)
{
	atomic64_inc(&sim->stats.ctr[ctr]);
}

static inline void bdsim_count_drop(struct bdsim *sim, enum bdsim_drop why)
{
	atomic64_inc(&sim->stats.drop[why]);
}

static inline void bdsim_count_ch(struct bdsim *sim, unsigned int ch,
				  unsigned int bytes, bool ul)
{
	atomic64_t *c = sim->stats.ch[ch];

	atomic64_inc(&c[ul ? BDSIM_CH_UL_PACKETS : BDSIM_CH_DL_PACKETS]);
	atomic64_add(bytes, &c[ul ? BDSIM_CH_UL_BYTES : BDSIM_CH_DL_BYTES]);
}

/* Channels open on both sides: only they carry DATA. Call under the lock. */
static inline bool bdsim_ch_usable(const struct bdsim *sim, unsigned int ch)
{
	return sim->remote_open & sim->host_open & BIT(ch);
}

/* Does a channel of this &enum bdsim_fmt speak QMAP? */
static inline bool bdsim_fmt_qmap(u8 fmt)
{
	return fmt != BDSIM_FMT_RAW_IP;
}

/* Bytes between a DL MAP header's start and the IP packet behind it. */
static inline unsigned int bdsim_map_ip_off(u8 fmt)
{
	return BDSIM_MAP_HDR_LEN +
	       (fmt == BDSIM_FMT_QMAPV5 ? BDSIM_MAP_V5_LEN : 0);
}

/* Bytes behind the pad of a DL MAP frame: the MAPv4 trailer. */
static inline unsigned int bdsim_map_tail_len(u8 fmt)
{
	return fmt == BDSIM_FMT_QMAPV4 ? BDSIM_MAP_V4_TRAILER_LEN : 0;
}

/* Bytes one DL MAP data packet of @len bytes takes in an aggregate. */
static inline unsigned int bdsim_map_rec_len(unsigned int len, u8 fmt)
{
	return bdsim_map_ip_off(fmt) + len + bdsim_map_pad(len) +
	       bdsim_map_tail_len(fmt);
}

/*
 * The most any DL format adds to an IP packet that needs no pad: the MAP
 * header and the MAPv4 trailer (the MAPv5 header is smaller).
 */
#define BDSIM_MAP_DL_MAX_OVERHEAD	(BDSIM_MAP_HDR_LEN + \
					 BDSIM_MAP_V4_TRAILER_LEN)

/* The DL buffer size the host's OPEN negotiated. Lock held. */
static inline unsigned int bdsim_ch_dl_size(const struct bdsim *sim,
					    unsigned int ch)
{
	return sim->ch[ch].dyn_mtu ? bdsim_sig_size(sim->host_signal[ch]) :
				     BDSIM_BUF_SIZE;
}

/* The RX pool size the host's OPEN announced. Lock held. */
static inline unsigned int bdsim_ch_pool(const struct bdsim *sim,
					 unsigned int ch)
{
	return sim->ch[ch].dyn_mtu ? bdsim_sig_pool(sim->host_signal[ch]) : 32;
}

/* The largest UL transfer the modem takes now. Lock held or READ_ONCE. */
static inline unsigned int bdsim_ul_limit(const struct bdsim *sim)
{
	u32 offer = READ_ONCE(sim->ul_offer);

	return offer ? offer : BDSIM_UL_MTU;
}

/* main.c: the simulated bus master's view of the host's buffers */
bool bdsim_dma_reachable(const struct bdsim *sim,
			 const struct bam_dmux_buf *buf);
u8 *bdsim_dma_va(const struct bdsim *sim, const struct bam_dmux_buf *buf);

/* power.c: the pc/ack handshake and power collapse */
void bdsim_power_init(struct bdsim *sim);
void bdsim_power_kick(struct bdsim *sim);
void bdsim_power_set_vote(void *tp, bool on);
void bdsim_power_toggle_ack(void *tp);
bool bdsim_power_a2_on(const struct bdsim *sim);
void bdsim_power_cancel(struct bdsim *sim);
void bdsim_power_set_collapse(struct bdsim *sim, u32 ms);
void bdsim_power_set_ul_stall(struct bdsim *sim, bool stall);

/* modem.c: channels, host commands, restart */
void bdsim_modem_init(struct bdsim *sim);
void bdsim_modem_announce(struct bdsim *sim);
int bdsim_modem_queue_ctrl(struct bdsim *sim, enum bdsim_ctrl_kind kind,
			   unsigned int ch);
int bdsim_modem_push_ctrl(struct bdsim *sim, const struct bdsim_ctrl *ctrl);
void bdsim_modem_host_cmd(struct bdsim *sim, u8 cmd, unsigned int ch,
			  u8 signal);
void bdsim_modem_ctrl_sent(struct bdsim *sim, const struct bdsim_ctrl *ctrl);
int bdsim_modem_restart(struct bdsim *sim);
int bdsim_modem_crash(struct bdsim *sim);
void bdsim_modem_restart_down(struct bdsim *sim);
void bdsim_modem_cancel(struct bdsim *sim);

/* dl.c: downlink, modem to host */
void bdsim_dl_init(struct bdsim *sim);
int bdsim_dl_rx_start(void *tp);
void bdsim_dl_rx_stop(void *tp);
int bdsim_dl_rx_submit(void *tp, struct bam_dmux_buf *buf);
void bdsim_dl_flush(struct bdsim *sim);
void bdsim_dl_kick(struct bdsim *sim);
bool bdsim_dl_pending(const struct bdsim *sim);
netdev_tx_t bdsim_dl_xmit(struct bdsim_peer *peer, struct sk_buff *skb);
void bdsim_dl_drop_backlog(struct bdsim *sim, enum bdsim_drop why);
void bdsim_dl_drop_peer(struct bdsim *sim, struct bdsim_peer *peer);

/* ul.c: uplink, host to modem */
void bdsim_ul_init(struct bdsim *sim);
#if IS_ENABLED(CONFIG_KUNIT)
enum bdsim_drop bdsim_ul_parse(const u8 *frame, unsigned int size,
			       unsigned int ul_mtu, struct bdsim_hdr *hdr);
#endif
int bdsim_ul_tx_start(void *tp);
void bdsim_ul_tx_stop(void *tp);
int bdsim_ul_tx_submit(void *tp, struct bam_dmux_buf *buf);
void bdsim_ul_flush(struct bdsim *sim);
void bdsim_ul_kick(struct bdsim *sim);

/**
 * enum bdsim_ul_csum - what the modem does to the checksum of a UL packet
 * @BDSIM_UL_CSUM_NONE: nothing: none was asked for
 * @BDSIM_UL_CSUM_V4: compute it on a MAPv4 request, taking the field as
 *	the complement of the pseudo-header sum (bdsim_qmap_csum_v4())
 * @BDSIM_UL_CSUM_V5: compute it on a MAPv5 request, whatever the field
 *	held (bdsim_qmap_csum())
 */
enum bdsim_ul_csum {
	BDSIM_UL_CSUM_NONE,
	BDSIM_UL_CSUM_V4,
	BDSIM_UL_CSUM_V5,
};

/**
 * struct bdsim_map_rec - one UL MAP frame, as bdsim_qmap_ul_rec() found it
 * @len: bytes it takes in the DMUX payload, headers included
 * @mux: mux id
 * @cmd: it is a command frame
 * @csum: the checksum the frame asks for, an &enum bdsim_ul_csum
 * @ip_off: offset of the IP packet (or command body) from the MAP header:
 *	behind a MAPv4 or MAPv5 checksum header if there is one
 * @ip_len: IP packet length (pkt_len - pad), or the command body length
 * @proto: %ETH_P_IP or %ETH_P_IPV6, network order, for data frames
 */
struct bdsim_map_rec {
	unsigned int len;
	u8 mux;
	bool cmd;
	u8 csum;
	unsigned int ip_off;
	unsigned int ip_len;
	__be16 proto;
};

/* qmap.c: MAP framing, parsing and checksums */
bool bdsim_qmap_csum(u8 *ip, unsigned int len, bool fix);
bool bdsim_qmap_csum_v4(u8 *ip, unsigned int len);
unsigned int bdsim_qmap_seal(u8 *rec, u8 mux, unsigned int ip_len, u8 fmt,
			     bool *csum_valid);
unsigned int bdsim_qmap_flow_frame(u8 *frame, unsigned int ch, u8 signal,
				   u8 mux, u8 name, u32 txid, u8 fmt);
void bdsim_qmap_dmux_hdr(u8 *frame, unsigned int ch, u8 signal);
unsigned int bdsim_qmap_fault_frame(u8 *frame, const struct bdsim_ctrl *ctrl);
enum bdsim_drop bdsim_qmap_ul_rec(const u8 *p, unsigned int avail, u8 fmt,
				  struct bdsim_map_rec *rec);
bool bdsim_qmap_ul_fatal(enum bdsim_drop why);

/* mux.c: data formats, mux sessions, MAP flow control */
void bdsim_mux_init(struct bdsim *sim);
void bdsim_mux_forget_locked(struct bdsim *sim);
void bdsim_mux_ul(struct bdsim *sim, unsigned int ch, const u8 *data,
		  unsigned int len, u8 fmt);
int bdsim_mux_data_format_write(struct bdsim *sim, char *cmd);
void bdsim_mux_data_format_show(struct seq_file *s, struct bdsim *sim);
int bdsim_mux_bind(struct bdsim *sim, char *cmd);
int bdsim_mux_unbind(struct bdsim *sim, char *cmd);
int bdsim_mux_flow_write(struct bdsim *sim, char *cmd);
const char *bdsim_fmt_name(unsigned int fmt);

/* frame.c: building DL frames */
unsigned int bdsim_frame_data_hdr(void *data, unsigned int ch,
				  unsigned int len);
unsigned int bdsim_frame_udp4(void *data, unsigned int size, u16 id);
void bdsim_frame_udp4_nocsum(void *data, unsigned int size, u16 id,
			     bool uplink);
unsigned int bdsim_frame_ctrl(void *data, const struct bdsim_ctrl *ctrl);

/* flood.c: in-kernel DL generator */
int bdsim_flood_write(struct bdsim *sim, char *cmd);

/* ulgen.c: in-kernel UL source (the host's side) */
int bdsim_ulgen_write(struct file *file, char *cmd);

/* fault.c: the inject keywords */
extern const char * const bdsim_fault_names[BDSIM_FAULT_NUM];
int bdsim_fault_inject(struct bdsim *sim, char *cmd);
unsigned int bdsim_fault_frame(u8 *data, unsigned int size,
			       const struct bdsim_ctrl *ctrl);
unsigned int bdsim_fault_rx_len(struct bdsim *sim, u8 *data,
				unsigned int size, unsigned int len);

/* peer.c: modem-side network devices */
int bdsim_peers_create(struct bdsim *sim);
void bdsim_peers_destroy(struct bdsim *sim);
struct bdsim_peer *bdsim_peer_find(struct bdsim *sim, unsigned int ch,
				   u8 mux_id);
void bdsim_peer_rx(struct bdsim_peer *peer, const void *data,
		   unsigned int len, __be16 proto, u8 csum);
int bdsim_peer_add_mux(struct bdsim *sim, unsigned int ch, u8 mux_id);
int bdsim_peer_del_mux(struct bdsim *sim, unsigned int ch, u8 mux_id);
void bdsim_peers_wake(struct bdsim *sim);

/* stats.c: counter names and the stats file */
void bdsim_stats_show(struct seq_file *s, struct bdsim *sim);

/* debugfs.c */
extern u32 bdsim_boot_announce;
extern bool bdsim_announce_reverse;
void bdsim_debugfs_init(void);
void bdsim_debugfs_exit(void);
void bdsim_debugfs_add(struct bdsim *sim);
void bdsim_debugfs_remove(struct bdsim *sim);

#endif /* _BDSIM_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interface between the BAM-DMUX core and the thing that moves its frames:
 * the Qualcomm BAM DMA engine with SMSM power-control bits on real
 * hardware, or the simulated modem.
 *
 * The core owns the protocol, the buffers, the power-control state machine
 * and the network links. A transport only moves buffers and bits:
 *
 * - it takes RX buffers and TX frames (&struct bam_dmux_buf) and completes
 *   them, in submission order, with bam_dmux_rx_done() / bam_dmux_tx_done();
 * - it drives two signals towards the modem, the AP power vote and the
 *   power-control ack toggle, and reports the modem's two signals back,
 *   the modem power level (bam_dmux_modem_pc()) and its ack toggle
 *   (bam_dmux_modem_ack()).
 *
 * The transport's device carries runtime PM: its dev_pm_ops call
 * bam_dmux_runtime_suspend() and bam_dmux_runtime_resume().
 *
 * RX transfer length: a transport that knows how many bytes each RX
 * transfer wrote reports it to bam_dmux_rx_done() and says so with
 * bam_dmux_set_rx_len_known(), at the latest in its @rx_start op (the one
 * core call an op may make: it takes no lock). Until it does, the core treats every length
 * it reports as the buffer size (as 6.12's bam_dma, whose residue is always
 * 0, makes it look): frames are bounded by their header's length, and a
 * length of 0xffff or one past the buffer is dropped and counted. What
 * cannot be caught then is a header that claims more than the modem wrote
 * but still fits the buffer: the stale tail of the buffer goes up with it.
 * Only a transport that reports real lengths closes that.
 *
 * Lifetime: bam_dmux_create(), then bam_dmux_start() once the transport can
 * take calls. Teardown is two-phase: bam_dmux_destroy() removes the links
 * and stops every pipe without waiting for the modem; from then on the core
 * calls no op and ignores the transport's callbacks, which stay safe to
 * make. The transport then quiesces its IRQs and work items and calls
 * bam_dmux_free(). A transport never calls back into the core from inside
 * one of its ops: the core may hold locks there.
 */
#ifndef _BAM_DMUX_TRANSPORT_H
#define _BAM_DMUX_TRANSPORT_H

#include <linux/dma-mapping.h>
#include <linux/pm.h>
#include <linux/types.h>

struct bam_dmux;
struct device;
struct sk_buff;

/**
 * struct bam_dmux_buf - one transfer handed to a transport
 * @skb: TX: the frame, skb->data/len being the whole frame, header and
 *	padding included. RX: NULL.
 * @data: RX: the buffer, @size bytes of page-fragment memory the packets
 *	are later handed up from without a copy. TX: skb->data.
 * @dma: DMA address of @data, valid when the transport passed a DMA
 *	device to bam_dmux_create(); the core maps and unmaps
 * @size: RX: bytes the transfer may write; TX: frame length
 * @tp_priv: free for the transport while it owns the buffer
 */
struct bam_dmux_buf {
	struct sk_buff *skb;
	void *data;
	dma_addr_t dma;
	unsigned int size;
	void *tp_priv;
};

/**
 * struct bam_dmux_transport_ops - what a transport implements
 * @rx_start: the modem powered the A2 up; get the RX pipe ready. Process
 *	context. Buffers are submitted right after it returns.
 * @rx_stop: stop the RX pipe. Process context. On return the transport
 *	owns no RX buffer, runs no RX completion and will run none: every
 *	buffer it did not complete is taken back by the core.
 * @tx_start: get the TX pipe ready (after the modem acknowledged the AP
 *	vote). Process context.
 * @tx_stop: stop the TX pipe; same contract as @rx_stop.
 * @rx_submit: queue an empty RX buffer. Any context, must not sleep.
 *	Returns 0 or a negative errno (the core then keeps the buffer).
 * @tx_submit: queue a TX frame. Any context, must not sleep.
 * @flush: start the transfers of one direction (@tx) submitted so far:
 *	one doorbell for a batch. Any context, must not sleep; may run while
 *	the other direction is being stopped.
 * @set_vote: set the AP power vote (SMSM A2_POWER_CONTROL) to @on.
 *	Process context.
 * @toggle_ack: toggle the AP power-control ack (SMSM A2_POWER_CONTROL_ACK).
 *	Process context.
 */
struct bam_dmux_transport_ops {
	int (*rx_start)(void *tp);
	void (*rx_stop)(void *tp);
	int (*tx_start)(void *tp);
	void (*tx_stop)(void *tp);
	int (*rx_submit)(void *tp, struct bam_dmux_buf *buf);
	int (*tx_submit)(void *tp, struct bam_dmux_buf *buf);
	void (*flush)(void *tp, bool tx);
	void (*set_vote)(void *tp, bool on);
	void (*toggle_ack)(void *tp);
};

struct bam_dmux *bam_dmux_create(struct device *dev, struct device *dma_dev,
				 const struct bam_dmux_transport_ops *ops,
				 void *tp);
int bam_dmux_start(struct bam_dmux *dmux, bool modem_pc);
void bam_dmux_destroy(struct bam_dmux *dmux);
void bam_dmux_free(struct bam_dmux *dmux);

void bam_dmux_rx_done(struct bam_dmux *dmux, struct bam_dmux_buf *buf,
		      unsigned int len, int err);
void bam_dmux_tx_done(struct bam_dmux *dmux, struct bam_dmux_buf *buf,
		      int err);
void bam_dmux_modem_pc(struct bam_dmux *dmux, bool on);
void bam_dmux_modem_ack(struct bam_dmux *dmux);

void bam_dmux_set_rx_len_known(struct bam_dmux *dmux, bool known);

int bam_dmux_runtime_suspend(struct bam_dmux *dmux);
int bam_dmux_runtime_resume(struct bam_dmux *dmux);

/**
 * BAM_DMUX_RUNTIME_PM_OPS() - the dev_pm_ops of a transport's device
 * @name: name of the &struct dev_pm_ops to define
 * @to_dmux: expression of type ``struct bam_dmux *`` computed from
 *	``struct device *dev``
 *
 * Runtime PM only. System sleep must not force a runtime suspend: with a
 * frame queued it returns -EBUSY, which would abort the phone's suspend,
 * and a forced resume would wait for the modem for seconds. The AP vote
 * simply stays as it is across system sleep; the modem decides its own
 * power. Every transport uses this, so the simulator's test of a system
 * suspend cycle covers the hardware transport's callbacks too.
 */
#define BAM_DMUX_RUNTIME_PM_OPS(name, to_dmux)				\
static struct bam_dmux *name##_dmux(struct device *dev)			\
{									\
	return to_dmux;							\
}									\
static int name##_runtime_suspend(struct device *dev)			\
{									\
	return bam_dmux_runtime_suspend(name##_dmux(dev));		\
}									\
static int name##_runtime_resume(struct device *dev)			\
{									\
	return bam_dmux_runtime_resume(name##_dmux(dev));		\
}									\
static const struct dev_pm_ops name = {					\
	RUNTIME_PM_OPS(name##_runtime_suspend, name##_runtime_resume,	\
		       NULL)						\
}

#endif /* _BAM_DMUX_TRANSPORT_H */

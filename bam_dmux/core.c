// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX core: instance lifetime and the NAPI context that processes
 * what the transport completed.
 */
#include <linux/module.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#include "bam_dmux.h"

static void bam_dmux_rx_retry(struct timer_list *t)
{
	struct bam_dmux *dmux = from_timer(dmux, t, rx_retry);

	/* A disabled NAPI (power-down, teardown) ignores this. */
	napi_schedule(&dmux->napi);
}

static int bam_dmux_poll(struct napi_struct *napi, int budget)
{
	struct bam_dmux *dmux = container_of(napi, struct bam_dmux, napi);
	int done;

	bam_dmux_tx_reclaim(dmux);
	done = bam_dmux_rx_process(dmux, budget, true);
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

/**
 * bam_dmux_create() - allocate a BAM-DMUX instance for a transport
 * @dev: the transport's device; runtime PM and the WWAN device hang off it
 * @dma_dev: device to DMA-map buffers for, or NULL if the transport copies
 * @ops: transport operations
 * @tp: passed back to every operation
 *
 * Nothing is sent to the modem until bam_dmux_start().
 *
 * Return: the instance or an ERR_PTR().
 */
struct bam_dmux *bam_dmux_create(struct device *dev, struct device *dma_dev,
				 const struct bam_dmux_transport_ops *ops,
				 void *tp)
{
	struct bam_dmux *dmux;
	int i;

	/* A ring of up to 256 RX slots: not worth physically contiguous memory */
	dmux = kvzalloc(sizeof(*dmux), GFP_KERNEL);
	if (!dmux)
		return ERR_PTR(-ENOMEM);

	dmux->napi_dev = alloc_netdev_dummy(0);
	if (!dmux->napi_dev) {
		kvfree(dmux);
		return ERR_PTR(-ENOMEM);
	}

	dmux->dev = dev;
	dmux->dma_dev = dma_dev;
	dmux->ops = ops;
	dmux->tp = tp;
	dmux->rx_buf_size = BAM_DMUX_BUF_SIZE_DEFAULT;
	dmux->rx_pool = BAM_DMUX_RX_POOL_DEFAULT;
	dmux->dl_size = BAM_DMUX_DL_SIZE_DEFAULT;
	dmux->ul_mtu = BAM_DMUX_BUF_SIZE_DEFAULT;
	/* rmnet's defaults: aggregation off until userspace sets a count */
	dmux->agg_bytes = BAM_DMUX_AGG_BYTES_DEFAULT;
	dmux->agg_frames = 1;
	dmux->agg_time_us = BAM_DMUX_AGG_TIME_US_DEFAULT;
	for (i = 0; i < BAM_DMUX_NUM_CH; i++)
		/* Stored under carrier_lock, which NAPI takes */
		xa_init_flags(&dmux->ch[i].muxes, XA_FLAGS_LOCK_BH);
	for (i = 0; i < BAM_DMUX_NR_DEV_STATS; i++)
		atomic64_set(&dmux->stats[i], 0);

	spin_lock_init(&dmux->tx_lock);
	spin_lock_init(&dmux->carrier_lock);
	skb_queue_head_init(&dmux->tx_deferred);
	INIT_DELAYED_WORK(&dmux->tx_wake_work, bam_dmux_tx_wake_work);
	INIT_DELAYED_WORK(&dmux->register_work, bam_dmux_link_register_work);
	INIT_WORK(&dmux->mtu_work, bam_dmux_link_mtu_work);
	timer_setup(&dmux->rx_retry, bam_dmux_rx_retry, 0);
	bam_dmux_power_init(dmux);

	netif_napi_add(dmux->napi_dev, &dmux->napi, bam_dmux_poll);
	napi_enable(&dmux->napi);
	return dmux;
}
EXPORT_SYMBOL_GPL(bam_dmux_create);

/**
 * bam_dmux_set_rx_len_known() - say whether RX transfer lengths are real
 * @dmux: the instance
 * @known: the length passed to bam_dmux_rx_done() is what the modem wrote
 *
 * Until a transport says so, every RX transfer is taken to fill its whole
 * buffer and frames are bounded by their own header (see
 * bam_dmux_transport.h). Any context.
 */
void bam_dmux_set_rx_len_known(struct bam_dmux *dmux, bool known)
{
	WRITE_ONCE(dmux->rx_len_known, known);
}
EXPORT_SYMBOL_GPL(bam_dmux_set_rx_len_known);

/**
 * bam_dmux_start() - start serving the modem
 * @dmux: the instance
 * @modem_pc: the modem's current power level
 *
 * Enables runtime PM on the transport's device (autosuspend, the AP vote
 * starts off) and powers the RX pipe up at once if the modem already is.
 * The transport may call every bam_dmux_*() callback from now on.
 *
 * Return: 0 or a negative errno.
 */
int bam_dmux_start(struct bam_dmux *dmux, bool modem_pc)
{
	pm_runtime_set_autosuspend_delay(dmux->dev, BAM_DMUX_AUTOSUSPEND_MS);
	pm_runtime_use_autosuspend(dmux->dev);
	pm_runtime_set_suspended(dmux->dev);
	pm_runtime_enable(dmux->dev);

	if (modem_pc)
		bam_dmux_modem_pc(dmux, true);
	return 0;
}
EXPORT_SYMBOL_GPL(bam_dmux_start);

/**
 * bam_dmux_destroy() - remove the links and stop using the transport
 * @dmux: the instance
 *
 * Does not wait for the modem: frames still queued are dropped and
 * counted. On return no transport operation runs or will run, and the
 * transport's callbacks are ignored; the transport quiesces and then calls
 * bam_dmux_free().
 */
void bam_dmux_destroy(struct bam_dmux *dmux)
{
	/* Links first, while the pipes still run: their CLOSE goes out if
	 * the modem is up. NAPI may still see announcements, so the work
	 * is disabled rather than cancelled.
	 */
	disable_delayed_work_sync(&dmux->register_work);
	disable_work_sync(&dmux->mtu_work);
	bam_dmux_link_unregister(dmux);

	mutex_lock(&dmux->pc_lock);
	WRITE_ONCE(dmux->dying, true);
	mutex_unlock(&dmux->pc_lock);

	disable_delayed_work_sync(&dmux->tx_wake_work);
	pm_runtime_disable(dmux->dev);
	bam_dmux_power_shutdown(dmux);
	pm_runtime_dont_use_autosuspend(dmux->dev);
	pm_runtime_set_suspended(dmux->dev);
}
EXPORT_SYMBOL_GPL(bam_dmux_destroy);

/**
 * bam_dmux_free() - free an instance after bam_dmux_destroy()
 * @dmux: the instance
 */
void bam_dmux_free(struct bam_dmux *dmux)
{
	int i;

	/* NAPI was disabled by bam_dmux_destroy(), the links are gone. */
	timer_shutdown_sync(&dmux->rx_retry);
	for (i = 0; i < BAM_DMUX_NUM_CH; i++)
		xa_destroy(&dmux->ch[i].muxes);
	page_frag_cache_drain(&dmux->rx_frag);
	netif_napi_del(&dmux->napi);
	free_netdev(dmux->napi_dev);
	kvfree(dmux);
}
EXPORT_SYMBOL_GPL(bam_dmux_free);

static struct bam_dmux_slot *bam_dmux_slot_of(struct bam_dmux_slot *ring,
					      unsigned int n,
					      struct bam_dmux_buf *buf)
{
	struct bam_dmux_slot *slot = container_of(buf, struct bam_dmux_slot,
						  buf);

	/* A transport bug must not scribble over unrelated memory. */
	if (WARN_ON_ONCE(slot < ring || slot >= ring + n))
		return NULL;
	return slot;
}

/**
 * bam_dmux_rx_done() - the transport finished an RX buffer
 * @dmux: the instance
 * @buf: the buffer, as given to &bam_dmux_transport_ops.rx_submit
 * @len: bytes the modem wrote
 * @err: 0 or a negative errno (the buffer's contents are then dropped)
 *
 * Any context.
 */
void bam_dmux_rx_done(struct bam_dmux *dmux, struct bam_dmux_buf *buf,
		      unsigned int len, int err)
{
	struct bam_dmux_slot *slot = bam_dmux_slot_of(dmux->rx, BAM_DMUX_RX_POOL_MAX,
						       buf);

	if (!slot)
		return;
	slot->len = len;
	slot->err = err;
	/* Pairs with the acquire in bam_dmux_rx_process(). */
	smp_store_release(&slot->done, true);
	napi_schedule(&dmux->napi);
}
EXPORT_SYMBOL_GPL(bam_dmux_rx_done);

/**
 * bam_dmux_tx_done() - the transport finished a TX frame
 * @dmux: the instance
 * @buf: the frame, as given to &bam_dmux_transport_ops.tx_submit
 * @err: 0 or a negative errno
 *
 * Any context.
 */
void bam_dmux_tx_done(struct bam_dmux *dmux, struct bam_dmux_buf *buf,
		      int err)
{
	struct bam_dmux_slot *slot = bam_dmux_slot_of(dmux->tx, BAM_DMUX_TX_RING, buf);

	if (!slot)
		return;
	slot->err = err;
	/* Pairs with the acquire in bam_dmux_tx_reclaim(). */
	smp_store_release(&slot->done, true);
	napi_schedule(&dmux->napi);
}
EXPORT_SYMBOL_GPL(bam_dmux_tx_done);

MODULE_DESCRIPTION("Qualcomm BAM-DMUX protocol core and WWAN links");
MODULE_LICENSE("GPL");

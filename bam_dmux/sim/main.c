// SPDX-License-Identifier: GPL-2.0-only
/*
 * bam_dmux_sim: module entry, the platform driver and device, and the
 * transport ops table.
 *
 * Loading the module creates one platform device, "bam_dmux_sim", and binds
 * it. Probe builds the modem and hands it to the BAM-DMUX core as its
 * transport; from then on the modem behaves like MSM8916 firmware: it
 * boots powered down, powers up on its own to announce channels 0..7 and
 * power collapses when idle. All controls are in debugfs; the module has no
 * parameters.
 *
 * The platform device is also the A2's DMA master: it has a 32-bit DMA
 * mask, like the BAM of the SoCs with an A2, and the core maps every buffer
 * for it through the DMA API. The simulator then reaches a buffer only as a
 * device would, through the DMA address and size it was handed.
 */

#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "sim.h"

static struct platform_device *bdsim_pdev;

/**
 * bdsim_dma_reachable() - can the A2's bus master reach a whole buffer?
 * @sim: the modem
 * @buf: a buffer the host submitted
 *
 * A mapping the host made for the sim's device fits its DMA mask; this is
 * the check the hardware would fail in its own way.
 *
 * Return: true if every byte of @buf lies below the DMA mask.
 */
bool bdsim_dma_reachable(const struct bdsim *sim,
			 const struct bam_dmux_buf *buf)
{
	u64 mask = dma_get_mask(sim->dev);

	return buf->dma != DMA_MAPPING_ERROR && buf->size &&
	       buf->dma <= mask && buf->size - 1 <= mask - buf->dma;
}

/**
 * bdsim_dma_va() - where the sim's device reads and writes a buffer
 * @sim: the modem
 * @buf: a buffer the host submitted, bdsim_dma_reachable()
 *
 * The DMA address translated back through the device's view of memory:
 * the host's memory for a direct mapping, the bounce buffer for a bounced
 * one, just what a real bus master would touch.
 *
 * Return: the kernel address of the first byte of the transfer.
 */
u8 *bdsim_dma_va(const struct bdsim *sim, const struct bam_dmux_buf *buf)
{
	return phys_to_virt(dma_to_phys(sim->dev, buf->dma));
}

static void bdsim_flush(void *tp, bool tx)
{
	if (tx)
		bdsim_ul_flush(tp);
	else
		bdsim_dl_flush(tp);
}

static const struct bam_dmux_transport_ops bdsim_transport_ops = {
	.rx_start	= bdsim_dl_rx_start,
	.rx_stop	= bdsim_dl_rx_stop,
	.tx_start	= bdsim_ul_tx_start,
	.tx_stop	= bdsim_ul_tx_stop,
	.rx_submit	= bdsim_dl_rx_submit,
	.tx_submit	= bdsim_ul_tx_submit,
	.flush		= bdsim_flush,
	.set_vote	= bdsim_power_set_vote,
	.toggle_ack	= bdsim_power_toggle_ack,
};

/*
 * Once the core calls no op any more: stop initiating anything, then wait
 * for and cancel every work item. The data workers go first because they
 * kick the power work; with @active clear nothing kicks anything again.
 */
static void bdsim_quiesce(struct bdsim *sim)
{
	spin_lock_irq(&sim->lock);
	sim->active = false;
	sim->flood.left = 0;
	spin_unlock_irq(&sim->lock);

	cancel_work_sync(&sim->dl_work);
	cancel_work_sync(&sim->ul_work);
	bdsim_power_cancel(sim);
	bdsim_modem_cancel(sim);
}

static int bdsim_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct bam_dmux *dmux;
	struct bdsim *sim;
	unsigned int ch;
	int err;

	sim = kzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return -ENOMEM;

	sim->pdev = pdev;
	sim->dev = dev;
	spin_lock_init(&sim->lock);
	for (ch = 0; ch < BDSIM_NUM_CH; ch++)
		INIT_LIST_HEAD(&sim->ch[ch].peers);
	bdsim_power_init(sim);
	bdsim_modem_init(sim);
	bdsim_mux_init(sim);
	bdsim_dl_init(sim);
	bdsim_ul_init(sim);

	sim->pm_wq = alloc_ordered_workqueue("bdsim-pm-%s", 0, dev_name(dev));
	if (!sim->pm_wq) {
		err = -ENOMEM;
		goto err_free;
	}
	sim->data_wq = alloc_workqueue("bdsim-data-%s", WQ_UNBOUND, 0,
				       dev_name(dev));
	if (!sim->data_wq) {
		err = -ENOMEM;
		goto err_pm_wq;
	}

	err = bdsim_peers_create(sim);
	if (err)
		goto err_data_wq;

	/* The device is its own DMA master: the core maps every buffer. */
	dmux = bam_dmux_create(dev, dev, &bdsim_transport_ops, sim);
	if (IS_ERR(dmux)) {
		err = PTR_ERR(dmux);
		goto err_peers;
	}
	sim->dmux = dmux;
	/*
	 * Unlike 6.12's bam_dma, the sim reports what each transfer wrote,
	 * unless debugfs' rx_len_known says otherwise.
	 */
	bam_dmux_set_rx_len_known(dmux, READ_ONCE(sim->rx_len_known));
	/* Before start: the core enables runtime PM there. */
	platform_set_drvdata(pdev, sim);

	/* What the firmware will say once it is up. */
	bdsim_modem_announce(sim);

	err = bam_dmux_start(dmux, false);
	if (err)
		goto err_destroy;

	/* The modem has booted: it may now power up and talk. */
	spin_lock_irq(&sim->lock);
	sim->active = true;
	spin_unlock_irq(&sim->lock);
	bdsim_power_kick(sim);

	bdsim_debugfs_add(sim);
	return 0;

err_destroy:
	bam_dmux_destroy(dmux);
	bdsim_quiesce(sim);
	bam_dmux_free(dmux);
	platform_set_drvdata(pdev, NULL);
err_peers:
	bdsim_peers_destroy(sim);
err_data_wq:
	destroy_workqueue(sim->data_wq);
err_pm_wq:
	destroy_workqueue(sim->pm_wq);
err_free:
	mutex_destroy(&sim->cfg_lock);
	kfree(sim);
	return dev_err_probe(dev, err, "cannot start the simulated modem\n");
}

static void bdsim_remove(struct platform_device *pdev)
{
	struct bdsim *sim = platform_get_drvdata(pdev);

	bdsim_debugfs_remove(sim);

	/*
	 * The modem keeps running while the core shuts down: the links'
	 * CLOSE frames may need it to power up and ack the vote. From the
	 * return on, the core calls no op and ignores our callbacks.
	 */
	bam_dmux_destroy(sim->dmux);
	bdsim_quiesce(sim);
	bam_dmux_free(sim->dmux);

	bdsim_dl_drop_backlog(sim, BDSIM_DROP_DL_NO_MODEM);
	bdsim_peers_destroy(sim);
	destroy_workqueue(sim->data_wq);
	destroy_workqueue(sim->pm_wq);
	mutex_destroy(&sim->cfg_lock);
	kfree(sim);
}

static struct bam_dmux *bdsim_dev_dmux(struct device *dev)
{
	struct bdsim *sim = dev_get_drvdata(dev);

	return sim->dmux;
}

BAM_DMUX_RUNTIME_PM_OPS(bdsim_pm_ops, bdsim_dev_dmux(dev));

static struct platform_driver bdsim_driver = {
	.probe	= bdsim_probe,
	.remove	= bdsim_remove,
	.driver	= {
		.name	= BDSIM_DRV_NAME,
		.pm	= pm_ptr(&bdsim_pm_ops),
	},
};

static int __init bdsim_init(void)
{
	const struct platform_device_info info = {
		.name		= BDSIM_DRV_NAME,
		.id		= PLATFORM_DEVID_NONE,
		/* The A2's BAM is a 32-bit bus master. */
		.dma_mask	= DMA_BIT_MASK(32),
	};
	int err;

	bdsim_debugfs_init();

	err = platform_driver_register(&bdsim_driver);
	if (err)
		goto err_debugfs;

	bdsim_pdev = platform_device_register_full(&info);
	if (IS_ERR(bdsim_pdev)) {
		err = PTR_ERR(bdsim_pdev);
		goto err_driver;
	}

	/* A modem that failed to probe is no use: fail the load, loudly. */
	if (!platform_get_drvdata(bdsim_pdev)) {
		err = -ENODEV;
		goto err_device;
	}
	return 0;

err_device:
	platform_device_unregister(bdsim_pdev);
err_driver:
	platform_driver_unregister(&bdsim_driver);
err_debugfs:
	bdsim_debugfs_exit();
	return err;
}
module_init(bdsim_init);

static void __exit bdsim_exit(void)
{
	platform_device_unregister(bdsim_pdev);
	platform_driver_unregister(&bdsim_driver);
	bdsim_debugfs_exit();
}
module_exit(bdsim_exit);

MODULE_DESCRIPTION("Simulated Qualcomm A2 modem behind a BAM-DMUX transport");
MODULE_LICENSE("GPL");

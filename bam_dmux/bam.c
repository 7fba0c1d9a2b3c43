// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX transport on real hardware: the A2's BAM pipes through the
 * Qualcomm BAM DMA engine ("tx" and "rx" channels) and the power-control
 * signals through SMSM bits (the "pc" and "pc-ack" smem states and
 * interrupts), as described by the qcom,bam-dmux DT binding.
 */
#include <linux/dma/qcom_bam_dma.h>
#include <linux/dmaengine.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/soc/qcom/smem_state.h>

#include "bam_dmux_transport.h"
#include "bam_dmux_proto.h"

/*
 * Whether the running bam_dma reports the residue of a completed RX
 * transfer, so that the transfer's real length is known. Without it (6.12
 * as released) the residue is always 0, as if the modem had filled every
 * buffer. The headers only say what bam_dma this was built against: the
 * symbol, looked up without linking against it (the module must load on
 * a kernel without it), says what runs.
 */
static bool bam_dmux_bam_rx_len_known(void)
{
#ifdef QCOM_BAM_DMA_HAS_RESULT_RESIDUE
	const bool *reports = symbol_get(qcom_bam_dma_result_residue);
	bool known;

	if (!reports)
		return false;
	known = *reports;
	symbol_put(qcom_bam_dma_result_residue);
	return known;
#else
	return false;
#endif
}

/**
 * struct bam_dmux_bam - the hardware transport of one BAM-DMUX instance
 * @dev: the bam-dmux platform device
 * @dmux: the core instance
 * @rx_chan: DMA channel of the RX pipe while the modem is powered
 * @tx_chan: DMA channel of the TX pipe while the AP votes
 * @pc: SMSM state carrying the AP power vote
 * @pc_ack: SMSM state carrying the AP ack toggle
 * @pc_mask: bit of the vote in @pc
 * @pc_ack_mask: bit of the ack in @pc_ack
 * @pc_ack_state: current level of the AP ack toggle
 * @pc_irq: the modem's power level
 * @pc_ack_irq: the modem's ack toggle
 */
struct bam_dmux_bam {
	struct device *dev;
	struct bam_dmux *dmux;
	struct dma_chan *rx_chan;
	struct dma_chan *tx_chan;
	struct qcom_smem_state *pc;
	struct qcom_smem_state *pc_ack;
	u32 pc_mask;
	u32 pc_ack_mask;
	bool pc_ack_state;
	int pc_irq;
	int pc_ack_irq;
};

static void bam_dmux_bam_rx_cb(void *param,
			       const struct dmaengine_result *result)
{
	struct bam_dmux_buf *buf = param;
	struct bam_dmux_bam *bam = buf->tp_priv;
	unsigned int len = 0;
	int err = -EIO;

	/* The residue is what the modem left unwritten: always 0 where
	 * bam_dma does not report it, and then the core, never told the
	 * lengths are real, takes every buffer as full and bounds each frame
	 * by its header. A residue past the buffer is a DMA driver's bug:
	 * nothing in the buffer can be trusted, the transfer counts as failed.
	 */
	if (result->result == DMA_TRANS_NOERROR &&
	    result->residue <= buf->size) {
		len = buf->size - result->residue;
		err = 0;
	}
	bam_dmux_rx_done(bam->dmux, buf, len, err);
}

static void bam_dmux_bam_tx_cb(void *param,
			       const struct dmaengine_result *result)
{
	struct bam_dmux_buf *buf = param;
	struct bam_dmux_bam *bam = buf->tp_priv;

	bam_dmux_tx_done(bam->dmux, buf,
			 result->result == DMA_TRANS_NOERROR ? 0 : -EIO);
}

static int bam_dmux_bam_submit(struct bam_dmux_bam *bam,
			       struct dma_chan *chan, struct bam_dmux_buf *buf,
			       enum dma_transfer_direction dir,
			       dma_async_tx_callback_result cb)
{
	struct dma_async_tx_descriptor *desc;

	if (!chan)
		return -ENODEV;
	desc = dmaengine_prep_slave_single(chan, buf->dma, buf->size, dir,
					   DMA_PREP_INTERRUPT);
	if (!desc)
		return -ENOMEM;

	buf->tp_priv = bam;
	desc->callback_result = cb;
	desc->callback_param = buf;
	return dma_submit_error(dmaengine_submit(desc)) ? -EIO : 0;
}

static int bam_dmux_bam_rx_submit(void *tp, struct bam_dmux_buf *buf)
{
	struct bam_dmux_bam *bam = tp;

	return bam_dmux_bam_submit(bam, bam->rx_chan, buf, DMA_DEV_TO_MEM,
				   bam_dmux_bam_rx_cb);
}

static int bam_dmux_bam_tx_submit(void *tp, struct bam_dmux_buf *buf)
{
	struct bam_dmux_bam *bam = tp;

	return bam_dmux_bam_submit(bam, bam->tx_chan, buf, DMA_MEM_TO_DEV,
				   bam_dmux_bam_tx_cb);
}

static void bam_dmux_bam_flush(void *tp, bool tx)
{
	struct bam_dmux_bam *bam = tp;
	struct dma_chan *chan = tx ? bam->tx_chan : bam->rx_chan;

	if (chan)
		dma_async_issue_pending(chan);
}

static int bam_dmux_bam_rx_start(void *tp)
{
	struct dma_slave_config cfg = {
		.direction = DMA_DEV_TO_MEM,
		.src_maxburst = BAM_DMUX_BUF_SIZE_DEFAULT,
	};
	struct bam_dmux_bam *bam = tp;
	struct dma_chan *chan;
	int ret;

	chan = dma_request_chan(bam->dev, "rx");
	if (IS_ERR(chan))
		return PTR_ERR(chan);
	ret = dmaengine_slave_config(chan, &cfg);
	if (ret) {
		dma_release_channel(chan);
		return ret;
	}
	bam->rx_chan = chan;
	/* Asked now that the channel holds bam_dma: at probe its module may
	 * still be initialising, when symbol_get() fails.
	 */
	bam_dmux_set_rx_len_known(bam->dmux, bam_dmux_bam_rx_len_known());
	return 0;
}

static int bam_dmux_bam_tx_start(void *tp)
{
	struct bam_dmux_bam *bam = tp;
	struct dma_chan *chan;

	chan = dma_request_chan(bam->dev, "tx");
	if (IS_ERR(chan))
		return PTR_ERR(chan);
	bam->tx_chan = chan;
	return 0;
}

/*
 * terminate_sync() runs no callback for the descriptors it drops; the core
 * takes those buffers back itself after we return.
 */
static void bam_dmux_bam_stop(struct dma_chan **chan)
{
	if (!*chan)
		return;
	dmaengine_terminate_sync(*chan);
	dma_release_channel(*chan);
	*chan = NULL;
}

static void bam_dmux_bam_rx_stop(void *tp)
{
	struct bam_dmux_bam *bam = tp;

	bam_dmux_bam_stop(&bam->rx_chan);
}

static void bam_dmux_bam_tx_stop(void *tp)
{
	struct bam_dmux_bam *bam = tp;

	bam_dmux_bam_stop(&bam->tx_chan);
}

static void bam_dmux_bam_set_vote(void *tp, bool on)
{
	struct bam_dmux_bam *bam = tp;

	qcom_smem_state_update_bits(bam->pc, bam->pc_mask,
				    on ? bam->pc_mask : 0);
}

static void bam_dmux_bam_toggle_ack(void *tp)
{
	struct bam_dmux_bam *bam = tp;

	bam->pc_ack_state = !bam->pc_ack_state;
	qcom_smem_state_update_bits(bam->pc_ack, bam->pc_ack_mask,
				    bam->pc_ack_state ? bam->pc_ack_mask : 0);
}

static const struct bam_dmux_transport_ops bam_dmux_bam_ops = {
	.rx_start = bam_dmux_bam_rx_start,
	.rx_stop = bam_dmux_bam_rx_stop,
	.tx_start = bam_dmux_bam_tx_start,
	.tx_stop = bam_dmux_bam_tx_stop,
	.rx_submit = bam_dmux_bam_rx_submit,
	.tx_submit = bam_dmux_bam_tx_submit,
	.flush = bam_dmux_bam_flush,
	.set_vote = bam_dmux_bam_set_vote,
	.toggle_ack = bam_dmux_bam_toggle_ack,
};

static bool bam_dmux_bam_pc_level(struct bam_dmux_bam *bam)
{
	bool level = false;

	if (irq_get_irqchip_state(bam->pc_irq, IRQCHIP_STATE_LINE_LEVEL,
				  &level))
		dev_warn_ratelimited(bam->dev, "cannot read the pc level\n");
	return level;
}

static irqreturn_t bam_dmux_bam_pc_irq(int irq, void *data)
{
	struct bam_dmux_bam *bam = data;

	bam_dmux_modem_pc(bam->dmux, bam_dmux_bam_pc_level(bam));
	return IRQ_HANDLED;
}

static irqreturn_t bam_dmux_bam_pc_ack_irq(int irq, void *data)
{
	struct bam_dmux_bam *bam = data;

	bam_dmux_modem_ack(bam->dmux);
	return IRQ_HANDLED;
}

static int bam_dmux_bam_get_resources(struct platform_device *pdev,
				      struct bam_dmux_bam *bam)
{
	struct device *dev = &pdev->dev;
	unsigned int bit;

	bam->pc_irq = platform_get_irq_byname(pdev, "pc");
	if (bam->pc_irq < 0)
		return bam->pc_irq;
	bam->pc_ack_irq = platform_get_irq_byname(pdev, "pc-ack");
	if (bam->pc_ack_irq < 0)
		return bam->pc_ack_irq;

	bam->pc = devm_qcom_smem_state_get(dev, "pc", &bit);
	if (IS_ERR(bam->pc))
		return dev_err_probe(dev, PTR_ERR(bam->pc),
				     "no pc smem state\n");
	bam->pc_mask = BIT(bit);

	bam->pc_ack = devm_qcom_smem_state_get(dev, "pc-ack", &bit);
	if (IS_ERR(bam->pc_ack))
		return dev_err_probe(dev, PTR_ERR(bam->pc_ack),
				     "no pc-ack smem state\n");
	bam->pc_ack_mask = BIT(bit);
	return 0;
}

static int bam_dmux_bam_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct bam_dmux_bam *bam;
	int ret;

	bam = devm_kzalloc(dev, sizeof(*bam), GFP_KERNEL);
	if (!bam)
		return -ENOMEM;
	bam->dev = dev;
	platform_set_drvdata(pdev, bam);

	ret = bam_dmux_bam_get_resources(pdev, bam);
	if (ret)
		return ret;

	bam->dmux = bam_dmux_create(dev, dev, &bam_dmux_bam_ops, bam);
	if (IS_ERR(bam->dmux))
		return PTR_ERR(bam->dmux);
	/* The IRQs stay off until the initial level has been handled. */
	ret = devm_request_threaded_irq(dev, bam->pc_irq, NULL,
					bam_dmux_bam_pc_irq,
					IRQF_ONESHOT | IRQF_NO_AUTOEN,
					"bam-dmux-pc", bam);
	if (ret)
		goto err_free;
	ret = devm_request_threaded_irq(dev, bam->pc_ack_irq, NULL,
					bam_dmux_bam_pc_ack_irq,
					IRQF_ONESHOT | IRQF_NO_AUTOEN,
					"bam-dmux-pc-ack", bam);
	if (ret)
		goto err_free;

	ret = bam_dmux_start(bam->dmux, bam_dmux_bam_pc_level(bam));
	if (ret)
		goto err_free;
	enable_irq(bam->pc_ack_irq);
	enable_irq(bam->pc_irq);
	return 0;

err_free:
	bam_dmux_free(bam->dmux);
	return ret;
}

static void bam_dmux_bam_remove(struct platform_device *pdev)
{
	struct bam_dmux_bam *bam = platform_get_drvdata(pdev);

	bam_dmux_destroy(bam->dmux);
	disable_irq(bam->pc_irq);
	disable_irq(bam->pc_ack_irq);
	bam_dmux_free(bam->dmux);
}

BAM_DMUX_RUNTIME_PM_OPS(bam_dmux_bam_pm_ops,
			((struct bam_dmux_bam *)dev_get_drvdata(dev))->dmux);

static const struct of_device_id bam_dmux_bam_of_match[] = {
	{ .compatible = "qcom,bam-dmux" },
	{ }
};
MODULE_DEVICE_TABLE(of, bam_dmux_bam_of_match);

static struct platform_driver bam_dmux_bam_driver = {
	.probe = bam_dmux_bam_probe,
	.remove = bam_dmux_bam_remove,
	.driver = {
		.name = "bam-dmux",
		.pm = pm_ptr(&bam_dmux_bam_pm_ops),
		.of_match_table = bam_dmux_bam_of_match,
	},
};
module_platform_driver(bam_dmux_bam_driver);

MODULE_DESCRIPTION("Qualcomm BAM-DMUX transport: BAM DMA and SMSM power control");
MODULE_LICENSE("GPL");

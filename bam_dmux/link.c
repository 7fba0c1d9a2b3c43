// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX channels and their network links, managed through the WWAN
 * core's link ops:
 *
 *   ip link add NAME parentdev wwanN type wwan linkid $((CH << 8 | MUX))
 *
 * MUX 0 is the raw-IP link of channel CH. The WWAN device only appears
 * once the modem has announced its channels, so the default link
 * (channel 0, "wwan%d", as userspace has always known it) can be created
 * right away and a link for a channel the modem never opened is refused.
 *
 * A channel the modem closes keeps its links with the carrier off; when
 * the modem opens it again (after a restart, say) the carrier comes back
 * and a link that is up sends its OPEN again.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/wwan.h>

#include "bam_dmux.h"

static int bam_dmux_newlink(void *ctxt, struct net_device *ndev, u32 if_id,
			    struct netlink_ext_ack *extack)
{
	struct bam_dmux_link *link = wwan_netdev_drvpriv(ndev);
	unsigned int ch = BAM_DMUX_LINK_CH(if_id);
	struct bam_dmux *dmux = ctxt;
	struct bam_dmux_channel *c;
	int ret;

	if (if_id > U16_MAX) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "link id %#x is not (channel << 8 | mux-id)",
				       if_id);
		return -EINVAL;
	}
	if (ch >= BAM_DMUX_NUM_CH) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u does not exist (0-%u)",
				       ch, BAM_DMUX_NUM_CH - 1);
		return -EINVAL;
	}
	if (BAM_DMUX_LINK_MUX(if_id)) {
		NL_SET_ERR_MSG_MOD(extack, "QMAP mux links are not supported");
		return -EOPNOTSUPP;
	}

	c = &dmux->ch[ch];
	if (!test_bit(BAM_DMUX_CH_ANNOUNCED, &c->flags)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u was not announced by the modem",
				       ch);
		return -ENODEV;
	}
	if (rtnl_dereference(c->raw)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u already has a raw-IP link",
				       ch);
		return -EEXIST;
	}

	link->dmux = dmux;
	link->ndev = ndev;
	link->ch = ch;
	link->mux_id = 0;
	ndev->dev_port = ch;

	netif_carrier_off(ndev);
	ret = register_netdevice(ndev);
	if (ret)
		return ret;

	rcu_assign_pointer(c->raw, link);
	/* Publish before reading the channel state; remote_open() sets the
	 * state before walking the links, so one of us sees the other.
	 */
	smp_mb();
	if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags))
		netif_carrier_on(ndev);
	return 0;
}

static void bam_dmux_dellink(void *ctxt, struct net_device *ndev,
			     struct list_head *head)
{
	struct bam_dmux_link *link = wwan_netdev_drvpriv(ndev);
	struct bam_dmux *dmux = ctxt;

	/* The RX path looks links up under RCU; the netdev (and the link in
	 * its priv) is freed only after unregistering waited a grace period.
	 */
	RCU_INIT_POINTER(dmux->ch[link->ch].raw, NULL);
	unregister_netdevice_queue(ndev, head);
}

static const struct wwan_ops bam_dmux_wwan_ops = {
	.priv_size = sizeof(struct bam_dmux_link),
	.setup = bam_dmux_netdev_setup,
	.newlink = bam_dmux_newlink,
	.dellink = bam_dmux_dellink,
};

/**
 * bam_dmux_link_register_work() - register the WWAN link ops
 * @work: &bam_dmux.register_work
 *
 * Runs once the modem announced its first channel; creates the default
 * link if channel 0 is among them.
 */
void bam_dmux_link_register_work(struct work_struct *work)
{
	struct bam_dmux *dmux = container_of(work, struct bam_dmux,
					     register_work);
	u32 def_link = WWAN_NO_DEFAULT_LINK;
	int ret;

	if (dmux->wwan_registered)
		return;
	if (test_bit(BAM_DMUX_CH_ANNOUNCED, &dmux->ch[0].flags))
		def_link = BAM_DMUX_LINK_ID(0, 0);

	ret = wwan_register_ops(dmux->dev, &bam_dmux_wwan_ops, dmux, def_link);
	if (ret) {
		dev_err(dmux->dev, "cannot register WWAN links: %d\n", ret);
		return;
	}
	dmux->wwan_registered = true;
}

/**
 * bam_dmux_link_unregister() - delete every link and the link ops
 * @dmux: the instance; its register work is disabled already
 */
void bam_dmux_link_unregister(struct bam_dmux *dmux)
{
	if (dmux->wwan_registered)
		wwan_unregister_ops(dmux->dev);
	dmux->wwan_registered = false;
}

static void bam_dmux_link_set_carrier(struct bam_dmux *dmux, u8 ch, bool on)
{
	struct bam_dmux_link *link;

	rcu_read_lock();
	link = rcu_dereference(dmux->ch[ch].raw);
	if (link) {
		if (on)
			netif_carrier_on(link->ndev);
		else
			netif_carrier_off(link->ndev);
	}
	rcu_read_unlock();
}

/**
 * bam_dmux_link_remote_open() - the modem opened a channel
 * @dmux: the instance
 * @ch: the channel, already checked
 *
 * NAPI context.
 */
void bam_dmux_link_remote_open(struct bam_dmux *dmux, u8 ch)
{
	struct bam_dmux_channel *c = &dmux->ch[ch];

	if (test_and_set_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags)) {
		bam_dmux_count(dmux, BAM_DMUX_RX_DUP_OPEN);
		return;
	}
	if (!test_and_set_bit(BAM_DMUX_CH_ANNOUNCED, &c->flags))
		schedule_work(&dmux->register_work);

	/* Pairs with the barrier in bam_dmux_link_open(). */
	smp_mb__after_atomic();
	if (test_bit(BAM_DMUX_CH_LOCAL_OPEN, &c->flags) &&
	    !test_and_set_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags))
		bam_dmux_tx_cmd(dmux, ch, BAM_DMUX_CMD_OPEN);

	/* Pairs with the barrier in bam_dmux_newlink(). */
	smp_mb();
	bam_dmux_link_set_carrier(dmux, ch, true);
}

/**
 * bam_dmux_link_remote_close() - the modem closed a channel
 * @dmux: the instance
 * @ch: the channel, already checked
 *
 * The links stay; their carrier goes off until the modem opens the
 * channel again. The modem forgot our OPEN, so it is sent again then.
 * NAPI context.
 */
void bam_dmux_link_remote_close(struct bam_dmux *dmux, u8 ch)
{
	struct bam_dmux_channel *c = &dmux->ch[ch];

	if (!test_and_clear_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags)) {
		bam_dmux_count(dmux, BAM_DMUX_RX_CLOSE_NOT_OPEN);
		return;
	}
	clear_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags);
	bam_dmux_link_set_carrier(dmux, ch, false);
}

/**
 * bam_dmux_link_open() - a link went up: open its channel if first
 * @link: the link
 *
 * RTNL held.
 */
void bam_dmux_link_open(struct bam_dmux_link *link)
{
	struct bam_dmux_channel *c = &link->dmux->ch[link->ch];

	if (c->users++)
		return;
	set_bit(BAM_DMUX_CH_LOCAL_OPEN, &c->flags);
	/* Pairs with the barrier in bam_dmux_link_remote_open(). */
	smp_mb__after_atomic();
	if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags) &&
	    !test_and_set_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags))
		bam_dmux_tx_cmd(link->dmux, link->ch, BAM_DMUX_CMD_OPEN);
}

/**
 * bam_dmux_link_close() - a link went down: close its channel if last
 * @link: the link
 *
 * RTNL held.
 */
void bam_dmux_link_close(struct bam_dmux_link *link)
{
	struct bam_dmux_channel *c = &link->dmux->ch[link->ch];

	if (WARN_ON_ONCE(!c->users) || --c->users)
		return;
	clear_bit(BAM_DMUX_CH_LOCAL_OPEN, &c->flags);
	if (test_and_clear_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags) &&
	    test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags))
		bam_dmux_tx_cmd(link->dmux, link->ch, BAM_DMUX_CMD_CLOSE);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * BAM-DMUX channels and their network links, managed through the WWAN
 * core's link ops:
 *
 *   ip link add NAME parentdev wwanN type wwan channel CH [protocol P] [mux-id MUX]
 *   ip link add NAME parentdev wwanN type wwan linkid $((CSUM << 16 | CH << 8 | MUX))
 *
 * MUX 0 is the raw-IP link of channel CH; MUX 1..254 is a QMAP session
 * on it, in the MAP format P (qmap, qmapv4, qmapv5; CSUM 0, 4, 5 in the
 * link id) the modem was switched to. The first QMAP link puts the
 * channel in QMAP framing with its format, which every further QMAP link
 * of the channel must share, and the last one to go returns it to raw IP;
 * in between, the raw link stays (it is the modem's data port to
 * userspace) but carries no IP of its own. The WWAN device appears once
 * the modem has announced a channel, and each announced channel gets its
 * default raw-IP link ("wwan%d", dev_port = channel, as userspace has
 * always known them); a link for a channel the modem never opened is
 * refused.
 *
 * A channel the modem closes keeps its links with the carrier off; when
 * the modem opens it again (after a restart, say) the carrier comes back
 * and a link that is up sends its OPEN again.
 */
#include <kunit/visibility.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/wwan.h>

#include "bam_dmux.h"

/* MAP formats by the csum field of a link id, and their names. */
static const char *const bam_dmux_qmap_fmt_name[] = {
	[QMAP_FORMAT_PLAIN] = "qmap",
	[QMAP_FORMAT_V4] = "qmapv4",
	[QMAP_FORMAT_V5] = "qmapv5",
};

static int bam_dmux_link_fmt(u32 if_id, enum qmap_format *fmt)
{
	switch (BAM_DMUX_LINK_CSUM(if_id)) {
	case 0:
		*fmt = QMAP_FORMAT_PLAIN;
		return 0;
	case BAM_DMUX_LINK_CSUM_V4:
		*fmt = QMAP_FORMAT_V4;
		return 0;
	case BAM_DMUX_LINK_CSUM_V5:
		*fmt = QMAP_FORMAT_V5;
		return 0;
	}
	return -EINVAL;
}

static int bam_dmux_newlink_qmap(struct bam_dmux *dmux, struct net_device *ndev,
				 unsigned int ch, unsigned int mux,
				 enum qmap_format fmt,
				 struct netlink_ext_ack *extack)
{
	struct bam_dmux_link *link = wwan_netdev_drvpriv(ndev);
	struct bam_dmux_channel *c = &dmux->ch[ch];
	struct bam_dmux_link *raw;
	int ret;

	if (mux > BAM_DMUX_MUX_MAX) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "mux-id %u is reserved: QMAP mux ids are %u-%u",
				       mux, BAM_DMUX_MUX_MIN, BAM_DMUX_MUX_MAX);
		return -EINVAL;
	}
	/* With length 0xffff in every QMAP frame, only the transfer size
	 * tells where an aggregate ends.
	 */
	if (!READ_ONCE(dmux->rx_len_known)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "QMAP needs RX transfer lengths, which this DMA engine does not report");
		return -EOPNOTSUPP;
	}
	if (!READ_ONCE(dmux->dyn_mtu)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the modem does not negotiate the MTU: its firmware cannot carry QMAP");
		return -EOPNOTSUPP;
	}
	if (xa_load(&c->muxes, mux)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u already has a link for mux-id %u",
				       ch, mux);
		return -EEXIST;
	}
	/* The modem frames a channel in one format (WDA Set Data Format). */
	if (c->qmap_links && fmt != c->qmap_fmt) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u carries %s, not %s",
				       ch, bam_dmux_qmap_fmt_name[c->qmap_fmt],
				       bam_dmux_qmap_fmt_name[fmt]);
		return -EBUSY;
	}
	/* The first QMAP link switches the channel's framing: not under a
	 * raw-IP session that runs (ModemManager's bearer, say).
	 */
	raw = rtnl_dereference(c->raw);
	if (!c->qmap_links && raw && netif_running(raw->ndev)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "%s carries raw IP: set it down first",
				       netdev_name(raw->ndev));
		return -EBUSY;
	}
	/* The entry is stored under carrier_lock, where we cannot sleep. */
	ret = xa_reserve_bh(&c->muxes, mux, GFP_KERNEL);
	if (ret)
		return ret;

	link->dmux = dmux;
	link->ndev = ndev;
	link->ch = ch;
	link->mux_id = mux;
	link->qmap_fmt = fmt;
	ndev->dev_port = ch;
	ndev->max_mtu = bam_dmux_qmap_max_mtu(dmux);
	bam_dmux_agg_init(link);
	ndev->needed_headroom += bam_dmux_qmap_ul_overhead(fmt);
	/* Checksum offload where the format has it, off by default: the
	 * modem fills in and verifies checksums only when asked (ethtool -K
	 * rx on tx on).
	 */
	if (fmt != QMAP_FORMAT_PLAIN)
		ndev->hw_features |= NETIF_F_RXCSUM | NETIF_F_IP_CSUM |
				     NETIF_F_IPV6_CSUM;

	netif_carrier_off(ndev);
	ret = register_netdevice(ndev);
	if (ret) {
		xa_lock_bh(&c->muxes);
		__xa_erase(&c->muxes, mux);
		xa_unlock_bh(&c->muxes);
		return ret;
	}

	spin_lock_bh(&dmux->carrier_lock);
	/* Reserved: nothing to allocate */
	xa_store_bh(&c->muxes, mux, link, GFP_ATOMIC);
	if (!c->qmap_links++) {
		WRITE_ONCE(c->qmap_fmt, fmt);
		/* The format before the bit: the RX path reads the format
		 * once it saw the bit (test_bit_acquire()).
		 */
		smp_mb__before_atomic();
		set_bit(BAM_DMUX_CH_QMAP, &c->flags);
	}
	if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags))
		netif_carrier_on(ndev);
	spin_unlock_bh(&dmux->carrier_lock);
	return 0;
}

static int bam_dmux_newlink(void *ctxt, struct net_device *ndev, u32 if_id,
			    struct netlink_ext_ack *extack)
{
	struct bam_dmux_link *link = wwan_netdev_drvpriv(ndev);
	unsigned int ch = BAM_DMUX_LINK_CH(if_id);
	struct bam_dmux *dmux = ctxt;
	struct bam_dmux_channel *c;
	enum qmap_format fmt;
	int ret;

	if (bam_dmux_link_fmt(if_id, &fmt) ||
	    (fmt != QMAP_FORMAT_PLAIN && !BAM_DMUX_LINK_MUX(if_id))) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "link id %#x is not (csum << 16 | channel << 8 | mux-id)",
				       if_id);
		return -EINVAL;
	}
	if (ch >= BAM_DMUX_NUM_CH) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u does not exist (0-%u)",
				       ch, BAM_DMUX_NUM_CH - 1);
		return -EINVAL;
	}

	c = &dmux->ch[ch];
	if (!test_bit(BAM_DMUX_CH_ANNOUNCED, &c->flags)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u was not announced by the modem",
				       ch);
		return -ENODEV;
	}
	if (BAM_DMUX_LINK_MUX(if_id))
		return bam_dmux_newlink_qmap(dmux, ndev, ch,
					     BAM_DMUX_LINK_MUX(if_id), fmt,
					     extack);
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

	/* The modem's OPEN and CLOSE change the channel state and the
	 * carrier of its links under the same lock: a link published here
	 * gets the carrier of the channel state it saw, and a CLOSE that
	 * comes after can only turn it off.
	 */
	spin_lock_bh(&dmux->carrier_lock);
	rcu_assign_pointer(c->raw, link);
	if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags))
		netif_carrier_on(ndev);
	spin_unlock_bh(&dmux->carrier_lock);
	return 0;
}

static void bam_dmux_dellink(void *ctxt, struct net_device *ndev,
			     struct list_head *head)
{
	struct bam_dmux_link *link = wwan_netdev_drvpriv(ndev);
	struct bam_dmux *dmux = ctxt;
	struct bam_dmux_channel *c = &dmux->ch[link->ch];

	/* The RX path looks links up under RCU; the netdev (and the link in
	 * its priv) is freed only after unregistering waited a grace period.
	 */
	spin_lock_bh(&dmux->carrier_lock);
	if (link->mux_id) {
		xa_erase_bh(&c->muxes, link->mux_id);
		/* The last QMAP link: the channel is raw IP again. */
		if (!--c->qmap_links)
			clear_bit(BAM_DMUX_CH_QMAP, &c->flags);
	} else {
		RCU_INIT_POINTER(c->raw, NULL);
	}
	spin_unlock_bh(&dmux->carrier_lock);
	unregister_netdevice_queue(ndev, head);
}

/* The generic WWAN protocol of each MAP format, and back. */
static const u32 bam_dmux_qmap_fmt_proto[] = {
	[QMAP_FORMAT_PLAIN] = WWAN_LINK_PROTO_QMAP,
	[QMAP_FORMAT_V4] = WWAN_LINK_PROTO_QMAPV4,
	[QMAP_FORMAT_V5] = WWAN_LINK_PROTO_QMAPV5,
};

static const u8 bam_dmux_proto_csum[] = {
	[WWAN_LINK_PROTO_QMAP] = 0,
	[WWAN_LINK_PROTO_QMAPV4] = BAM_DMUX_LINK_CSUM_V4,
	[WWAN_LINK_PROTO_QMAPV5] = BAM_DMUX_LINK_CSUM_V5,
};

static_assert(ARRAY_SIZE(bam_dmux_qmap_fmt_proto) == QMAP_FORMAT_V5 + 1);
static_assert(ARRAY_SIZE(bam_dmux_proto_csum) == WWAN_LINK_PROTO_MAX + 1);

/*
 * The link id of "channel CH [protocol P] [mux-id MUX]". Without a
 * protocol, mux-id 0 is the raw link and any other a QMAP session in the
 * format the channel already carries (plain QMAP if none). Whether the
 * channel can have the link is newlink's to say.
 */
VISIBLE_IF_KUNIT int bam_dmux_link_id_from_desc(void *ctxt,
						const struct wwan_link_desc *desc,
						u32 *link_id,
						struct netlink_ext_ack *extack)
{
	struct bam_dmux *dmux = ctxt;
	u32 proto = desc->protocol;
	struct bam_dmux_channel *c;

	if (desc->channel >= BAM_DMUX_NUM_CH) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "channel %u does not exist (0-%u)",
				       desc->channel, BAM_DMUX_NUM_CH - 1);
		return -EINVAL;
	}
	c = &dmux->ch[desc->channel];
	if (proto == WWAN_LINK_PROTO_ANY) {
		if (!desc->mux_id)
			proto = WWAN_LINK_PROTO_NONE;
		else if (c->qmap_links)
			proto = bam_dmux_qmap_fmt_proto[c->qmap_fmt];
		else
			proto = WWAN_LINK_PROTO_QMAP;
	}
	if (proto >= ARRAY_SIZE(bam_dmux_proto_csum)) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "protocol %u is not one of BAM-DMUX's",
				       proto);
		return -EOPNOTSUPP;
	}
	if (proto == WWAN_LINK_PROTO_NONE) {
		if (desc->mux_id) {
			NL_SET_ERR_MSG_MOD(extack,
					   "a raw-IP link has no mux-id");
			return -EINVAL;
		}
		*link_id = BAM_DMUX_LINK_ID(desc->channel, 0);
		return 0;
	}
	if (desc->mux_id < BAM_DMUX_MUX_MIN ||
	    desc->mux_id > BAM_DMUX_MUX_MAX) {
		NL_SET_ERR_MSG_FMT_MOD(extack,
				       "QMAP mux-id %u is reserved or out of range: %u-%u",
				       desc->mux_id, BAM_DMUX_MUX_MIN,
				       BAM_DMUX_MUX_MAX);
		return -EINVAL;
	}
	*link_id = bam_dmux_proto_csum[proto] << 16 |
		   BAM_DMUX_LINK_ID(desc->channel, desc->mux_id);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_link_id_from_desc);

/* Every link the driver made has a valid id: no error but for misuse. */
VISIBLE_IF_KUNIT int bam_dmux_link_desc(void *ctxt, u32 link_id,
					struct wwan_link_desc *desc)
{
	enum qmap_format fmt;

	if (bam_dmux_link_fmt(link_id, &fmt))
		return -EINVAL;
	desc->channel = BAM_DMUX_LINK_CH(link_id);
	desc->mux_id = BAM_DMUX_LINK_MUX(link_id);
	desc->protocol = desc->mux_id ? bam_dmux_qmap_fmt_proto[fmt] :
					WWAN_LINK_PROTO_NONE;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(bam_dmux_link_desc);

static const struct wwan_ops bam_dmux_wwan_ops = {
	.priv_size = sizeof(struct bam_dmux_link),
	.setup = bam_dmux_netdev_setup,
	.newlink = bam_dmux_newlink,
	.dellink = bam_dmux_dellink,
	.link_id_from_desc = bam_dmux_link_id_from_desc,
	.link_desc = bam_dmux_link_desc,
};

/**
 * bam_dmux_link_register_work() - register the WWAN link ops
 * @work: &bam_dmux.register_work
 *
 * Runs whenever the modem announced a channel for the first time. The
 * first run registers the link ops; each run then creates the default
 * raw-IP link of every channel announced since ("wwan%d" with dev_port =
 * channel, as userspace has always known them), in channel order: the
 * channels a modem announces within %BAM_DMUX_ANNOUNCE_SETTLE_MS of the
 * first are numbered in order, whatever order their OPENs came in.
 */
void bam_dmux_link_register_work(struct work_struct *work)
{
	struct bam_dmux *dmux = container_of(to_delayed_work(work),
					     struct bam_dmux, register_work);
	unsigned int ch;
	int ret;

	if (!dmux->wwan_registered) {
		ret = wwan_register_ops(dmux->dev, &bam_dmux_wwan_ops, dmux,
					WWAN_NO_DEFAULT_LINK);
		if (ret) {
			dev_err(dmux->dev, "cannot register WWAN links: %d\n",
				ret);
			return;
		}
		dmux->wwan_registered = true;
	}

	for (ch = 0; ch < BAM_DMUX_NUM_CH; ch++) {
		unsigned long *flags = &dmux->ch[ch].flags;

		if (!test_bit(BAM_DMUX_CH_ANNOUNCED, flags) ||
		    test_and_set_bit(BAM_DMUX_CH_DEFAULT_LINK, flags))
			continue;
		/* Like the core's own default link: a failure leaves the
		 * link ops, and userspace can still create the link.
		 */
		ret = wwan_add_default_link(dmux->dev,
					    BAM_DMUX_LINK_ID(ch, 0));
		/* Userspace may have been quicker: that link is as good. */
		if (ret == -EEXIST)
			dev_dbg(dmux->dev, "channel %u has its raw link\n", ch);
		else if (ret)
			dev_warn(dmux->dev,
				 "cannot create the default link of channel %u: %d\n",
				 ch, ret);
	}
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

static void bam_dmux_link_carrier(struct bam_dmux_link *link, bool on)
{
	if (on)
		netif_carrier_on(link->ndev);
	else
		netif_carrier_off(link->ndev);
}

/* Called under carrier_lock, which also keeps the links published. */
static void bam_dmux_link_set_carrier(struct bam_dmux *dmux, u8 ch, bool on)
{
	struct bam_dmux_channel *c = &dmux->ch[ch];
	struct bam_dmux_link *link;
	unsigned long mux;

	link = rcu_dereference_protected(c->raw,
					 lockdep_is_held(&dmux->carrier_lock));
	if (link)
		bam_dmux_link_carrier(link, on);
	xa_for_each(&c->muxes, mux, link)
		bam_dmux_link_carrier(link, on);
}

/**
 * bam_dmux_link_lookup() - the QMAP link of a mux id
 * @dmux: the instance
 * @ch: the channel
 * @mux_id: the mux id, from the wire: any value
 *
 * Under rcu_read_lock(); the link may be down.
 *
 * Return: the link or NULL.
 */
struct bam_dmux_link *bam_dmux_link_lookup(struct bam_dmux *dmux, u8 ch,
					   u8 mux_id)
{
	return xa_load(&dmux->ch[ch].muxes, mux_id);
}

/**
 * bam_dmux_link_wake_all() - wake the queue of every link with room
 * @dmux: the instance
 *
 * Links whose flow the modem disabled stay stopped. Called under tx_lock
 * once the TX ring has room again.
 */
void bam_dmux_link_wake_all(struct bam_dmux *dmux)
{
	struct bam_dmux_link *link;
	unsigned long mux;
	int ch;

	rcu_read_lock();
	for (ch = 0; ch < BAM_DMUX_NUM_CH; ch++) {
		link = rcu_dereference(dmux->ch[ch].raw);
		if (link)
			netif_wake_queue(link->ndev);
		xa_for_each(&dmux->ch[ch].muxes, mux, link)
			if (!READ_ONCE(link->flow_off))
				netif_wake_queue(link->ndev);
	}
	rcu_read_unlock();
}

/**
 * bam_dmux_link_update_max_mtu() - bound the QMAP links by new sizes
 * @dmux: the instance
 *
 * After the large RX buffer size or the modem's UL limit changed; an MTU
 * above the new limit is lowered to it. RTNL held.
 */
void bam_dmux_link_update_max_mtu(struct bam_dmux *dmux)
{
	unsigned int max = bam_dmux_qmap_max_mtu(dmux);
	struct bam_dmux_link *link;
	unsigned long mux;
	int ch;

	ASSERT_RTNL();
	for (ch = 0; ch < BAM_DMUX_NUM_CH; ch++) {
		xa_for_each(&dmux->ch[ch].muxes, mux, link) {
			link->ndev->max_mtu = max;
			if (link->ndev->mtu > max &&
			    dev_set_mtu(link->ndev, max))
				netdev_warn(link->ndev,
					    "MTU %u above the new limit %u\n",
					    link->ndev->mtu, max);
		}
	}
}

/**
 * bam_dmux_link_mtu_work() - follow a UL limit the modem changed
 * @work: &bam_dmux.mtu_work
 *
 * A restarted modem may offer another UL limit; packets above it are
 * dropped already (tx_drop_too_big), and the links say so in max_mtu.
 */
void bam_dmux_link_mtu_work(struct work_struct *work)
{
	struct bam_dmux *dmux = container_of(work, struct bam_dmux, mtu_work);

	rtnl_lock();
	bam_dmux_link_update_max_mtu(dmux);
	rtnl_unlock();
}

/**
 * bam_dmux_any_channel_open() - whether the modem knows our RX sizes
 * @dmux: the instance
 *
 * RTNL held.
 *
 * Return: true while a link is up or our OPEN of a channel stands.
 */
bool bam_dmux_any_channel_open(struct bam_dmux *dmux)
{
	int ch;

	for (ch = 0; ch < BAM_DMUX_NUM_CH; ch++)
		if (dmux->ch[ch].users ||
		    test_bit(BAM_DMUX_CH_OPEN_SENT, &dmux->ch[ch].flags))
			return true;
	return false;
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

	/* The modem announces its channels in a burst of OPENs, in an order
	 * of its own: the links are created once the burst is over.
	 */
	if (!test_and_set_bit(BAM_DMUX_CH_ANNOUNCED, &c->flags))
		schedule_delayed_work(&dmux->register_work,
				      msecs_to_jiffies(BAM_DMUX_ANNOUNCE_SETTLE_MS));

	spin_lock(&dmux->carrier_lock);
	if (test_and_set_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags)) {
		/* An OPEN without a CLOSE before it: the modem restarted
		 * without telling (a firmware crash) and forgot our OPEN.
		 * DATA still waiting was meant for the old firmware, and
		 * nothing may reach the new one before our OPEN does.
		 */
		bam_dmux_count(dmux, BAM_DMUX_RX_DUP_OPEN);
		bam_dmux_tx_chan_closed(dmux, ch);
		bam_dmux_tx_flow_reset(dmux, ch);
		clear_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags);
	}
	if (test_bit(BAM_DMUX_CH_LOCAL_OPEN, &c->flags) &&
	    !test_and_set_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags))
		bam_dmux_tx_cmd(dmux, ch, BAM_DMUX_CMD_OPEN);
	bam_dmux_link_set_carrier(dmux, ch, true);
	spin_unlock(&dmux->carrier_lock);
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
	int i;

	spin_lock(&dmux->carrier_lock);
	if (!test_and_clear_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags)) {
		spin_unlock(&dmux->carrier_lock);
		bam_dmux_count(dmux, BAM_DMUX_RX_CLOSE_NOT_OPEN);
		return;
	}
	bam_dmux_tx_chan_closed(dmux, ch);
	bam_dmux_tx_flow_reset(dmux, ch);
	clear_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags);
	bam_dmux_link_set_carrier(dmux, ch, false);
	spin_unlock(&dmux->carrier_lock);

	/* Every channel closed: the modem restarts, and forgets what it
	 * asked of our RX buffers.
	 */
	for (i = 0; i < BAM_DMUX_NUM_CH; i++)
		if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &dmux->ch[i].flags))
			return;
	bam_dmux_rx_reset_mtu(dmux);
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
	/* Under carrier_lock, like the modem's OPEN and CLOSE: our OPEN is
	 * queued for exactly the channels the modem has open.
	 */
	spin_lock_bh(&link->dmux->carrier_lock);
	set_bit(BAM_DMUX_CH_LOCAL_OPEN, &c->flags);
	if (test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags) &&
	    !test_and_set_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags))
		bam_dmux_tx_cmd(link->dmux, link->ch, BAM_DMUX_CMD_OPEN);
	spin_unlock_bh(&link->dmux->carrier_lock);
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
	spin_lock_bh(&link->dmux->carrier_lock);
	clear_bit(BAM_DMUX_CH_LOCAL_OPEN, &c->flags);
	if (test_and_clear_bit(BAM_DMUX_CH_OPEN_SENT, &c->flags) &&
	    test_bit(BAM_DMUX_CH_REMOTE_OPEN, &c->flags))
		bam_dmux_tx_cmd(link->dmux, link->ch, BAM_DMUX_CMD_CLOSE);
	spin_unlock_bh(&link->dmux->carrier_lock);
}

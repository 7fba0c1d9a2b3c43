// SPDX-License-Identifier: GPL-2.0-only
/*
 * Controls and counters in /sys/kernel/debug/bam_dmux_sim/<device>/:
 *
 *   idle_ms, ack_delay_ms, restart_delay_ms,
 *   collapse_ms, rx_len_known, ul_stall,
 *   ul_mtu                                    tunables
 *   data_format                               QMAP data formats (rw)
 *   inject, restart, dl_flood, ul_flood,
 *   bind_mux, unbind_mux, flow                commands (write-only)
 *   state, stats, pm_usage                    read-only
 *
 * Removing the directory waits for the file operations in progress, so the
 * handlers below never run once remove has got past that point. The one
 * that may run long, ul_flood, is cancelled by it rather than awaited.
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/log2.h>
#include <linux/pm_runtime.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "sim.h"

/*
 * Longest command: a few data_format lines, such as
 * "7 qmapv5 dl-max-size=16384 dl-max-datagrams=256".
 */
#define BDSIM_CMD_MAX	256

static struct dentry *bdsim_debugfs_root;

static const char * const bdsim_pc_state_names[] = {
	[BDSIM_PC_DOWN]			= "down",
	[BDSIM_PC_UP_WAIT_ACK]		= "up_wait_ack",
	[BDSIM_PC_UP]			= "up",
	[BDSIM_PC_DOWN_WAIT_ACK]	= "down_wait_ack",
};

static const char * const bdsim_restart_names[] = {
	[BDSIM_RESTART_NONE]		= "none",
	[BDSIM_RESTART_CLOSING]		= "closing",
	[BDSIM_RESTART_POWERDOWN]	= "powerdown",
	[BDSIM_RESTART_DELAY]		= "delay",
};

/*
 * Copy a command of @count bytes from userspace into @buf, which holds
 * %BDSIM_CMD_MAX. Return: the command, trimmed, or an ERR_PTR().
 */
static char *bdsim_debugfs_copy(char *buf, const char __user *ubuf,
				size_t count)
{
	if (!count || count >= BDSIM_CMD_MAX)
		return ERR_PTR(-EINVAL);
	if (copy_from_user(buf, ubuf, count))
		return ERR_PTR(-EFAULT);
	buf[count] = '\0';
	return strim(buf);
}

/* Copy a command from userspace and hand it to @fn. */
static ssize_t bdsim_debugfs_run(struct bdsim *sim, const char __user *ubuf,
				 size_t count,
				 int (*fn)(struct bdsim *sim, char *cmd))
{
	char buf[BDSIM_CMD_MAX], *cmd;
	int err;

	cmd = bdsim_debugfs_copy(buf, ubuf, count);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	err = fn(sim, cmd);
	return err ? err : count;
}

/* The same, for a file opened with simple_open(). */
static ssize_t bdsim_debugfs_cmd(struct file *file, const char __user *ubuf,
				 size_t count,
				 int (*fn)(struct bdsim *sim, char *cmd))
{
	return bdsim_debugfs_run(file->private_data, ubuf, count, fn);
}

/* A write-only command file whose handler is @fn. */
#define BDSIM_CMD_FILE(name, fn)					\
static ssize_t name##_write(struct file *file, const char __user *ubuf,	\
			    size_t count, loff_t *ppos)			\
{									\
	return bdsim_debugfs_cmd(file, ubuf, count, fn);		\
}									\
static const struct file_operations name##_fops = {			\
	.owner	= THIS_MODULE,						\
	.open	= simple_open,						\
	.write	= name##_write,						\
	.llseek	= noop_llseek,						\
}

BDSIM_CMD_FILE(bdsim_bind_mux, bdsim_mux_bind);
BDSIM_CMD_FILE(bdsim_unbind_mux, bdsim_mux_unbind);
BDSIM_CMD_FILE(bdsim_flow, bdsim_mux_flow_write);

/* The UL source needs the file itself: its removal cancels a run. */
static ssize_t bdsim_ul_flood_write(struct file *file,
				    const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	char buf[BDSIM_CMD_MAX], *cmd;
	int err;

	cmd = bdsim_debugfs_copy(buf, ubuf, count);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	err = bdsim_ulgen_write(file, cmd);
	return err ? err : count;
}

static const struct file_operations bdsim_ul_flood_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= bdsim_ul_flood_write,
	.llseek	= noop_llseek,
};

static int bdsim_data_format_show(struct seq_file *s, void *unused)
{
	bdsim_mux_data_format_show(s, s->private);
	return 0;
}

static int bdsim_data_format_open(struct inode *inode, struct file *file)
{
	return single_open(file, bdsim_data_format_show, inode->i_private);
}

static ssize_t bdsim_data_format_write(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	struct seq_file *s = file->private_data;

	return bdsim_debugfs_run(s->private, ubuf, count,
				 bdsim_mux_data_format_write);
}

static const struct file_operations bdsim_data_format_fops = {
	.owner		= THIS_MODULE,
	.open		= bdsim_data_format_open,
	.read		= seq_read,
	.write		= bdsim_data_format_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static int bdsim_ul_mtu_get(void *data, u64 *val)
{
	struct bdsim *sim = data;

	*val = READ_ONCE(sim->ul_mtu);
	return 0;
}

/* The offer of the next announcement: none, or 2, 4, 8 or 16 KiB. */
static int bdsim_ul_mtu_set(void *data, u64 val)
{
	struct bdsim *sim = data;

	if (val && (val < BDSIM_BUF_SIZE || val > BDSIM_DYN_MAX_SIZE ||
		    !is_power_of_2(val)))
		return -EINVAL;
	WRITE_ONCE(sim->ul_mtu, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(bdsim_ul_mtu_fops, bdsim_ul_mtu_get,
			 bdsim_ul_mtu_set, "%llu\n");

static ssize_t bdsim_inject_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	return bdsim_debugfs_cmd(file, ubuf, count, bdsim_fault_inject);
}

static const struct file_operations bdsim_inject_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= bdsim_inject_write,
	.llseek	= noop_llseek,
};

static ssize_t bdsim_flood_write_file(struct file *file,
				      const char __user *ubuf, size_t count,
				      loff_t *ppos)
{
	return bdsim_debugfs_cmd(file, ubuf, count, bdsim_flood_write);
}

static const struct file_operations bdsim_flood_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= bdsim_flood_write_file,
	.llseek	= noop_llseek,
};

/* "crash" crashes the modem; anything else restarts it politely. */
static int bdsim_restart_cmd(struct bdsim *sim, char *cmd)
{
	if (!strcmp(cmd, "crash"))
		return bdsim_modem_crash(sim);
	return bdsim_modem_restart(sim);
}

static ssize_t bdsim_restart_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	return bdsim_debugfs_cmd(file, ubuf, count, bdsim_restart_cmd);
}

static const struct file_operations bdsim_restart_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= bdsim_restart_write,
	.llseek	= noop_llseek,
};

static int bdsim_idle_ms_get(void *data, u64 *val)
{
	struct bdsim *sim = data;

	*val = READ_ONCE(sim->idle_ms);
	return 0;
}

/* A new idle time takes effect at once, also when it re-enables collapse. */
static int bdsim_idle_ms_set(void *data, u64 val)
{
	struct bdsim *sim = data;

	if (val > U32_MAX)
		return -EINVAL;
	WRITE_ONCE(sim->idle_ms, val);
	bdsim_power_kick(sim);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(bdsim_idle_ms_fops, bdsim_idle_ms_get,
			 bdsim_idle_ms_set, "%llu\n");

static int bdsim_collapse_ms_get(void *data, u64 *val)
{
	struct bdsim *sim = data;

	*val = READ_ONCE(sim->collapse_ms);
	return 0;
}

static int bdsim_collapse_ms_set(void *data, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	bdsim_power_set_collapse(data, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(bdsim_collapse_ms_fops, bdsim_collapse_ms_get,
			 bdsim_collapse_ms_set, "%llu\n");

static int bdsim_rx_len_known_get(void *data, u64 *val)
{
	struct bdsim *sim = data;

	*val = READ_ONCE(sim->rx_len_known);
	return 0;
}

/* The driver learns it first: it must not trust a length the sim fakes. */
static int bdsim_rx_len_known_set(void *data, u64 val)
{
	struct bdsim *sim = data;

	if (val > 1)
		return -EINVAL;
	if (!val)
		bam_dmux_set_rx_len_known(sim->dmux, false);
	WRITE_ONCE(sim->rx_len_known, val);
	if (val)
		bam_dmux_set_rx_len_known(sim->dmux, true);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(bdsim_rx_len_known_fops, bdsim_rx_len_known_get,
			 bdsim_rx_len_known_set, "%llu\n");

static int bdsim_ul_stall_get(void *data, u64 *val)
{
	struct bdsim *sim = data;

	*val = READ_ONCE(sim->ul_stall);
	return 0;
}

static int bdsim_ul_stall_set(void *data, u64 val)
{
	if (val > 1)
		return -EINVAL;
	bdsim_power_set_ul_stall(data, val);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE(bdsim_ul_stall_fops, bdsim_ul_stall_get,
			 bdsim_ul_stall_set, "%llu\n");

static int bdsim_state_show(struct seq_file *s, void *unused)
{
	struct bdsim *sim = s->private;
	enum bdsim_restart_phase restart;
	enum bdsim_pc_state pc_state;
	unsigned int rx_held, rx_issued, tx_held, tx_issued, ctrl, dlq;
	u8 announced, remote_open, host_open, signal[BDSIM_NUM_CH];
	bool vote, no_pc, rx_running, tx_running, crashed, ul_stall, large;
	unsigned int dl_size[BDSIM_NUM_CH], pool[BDSIM_NUM_CH], ch;
	bool dyn[BDSIM_NUM_CH];
	u8 fmt[BDSIM_NUM_CH];
	unsigned long flags;
	u32 flood_left, ul_offer, large_used;

	spin_lock_irqsave(&sim->lock, flags);
	pc_state = sim->pc_state;
	restart = sim->restart;
	vote = sim->vote;
	no_pc = sim->no_pc;
	crashed = sim->crashed;
	ul_stall = sim->ul_stall;
	announced = sim->announced;
	remote_open = sim->remote_open;
	host_open = sim->host_open;
	rx_running = sim->rx_running;
	rx_held = kfifo_len(&sim->rx_ring);
	rx_issued = sim->rx_issued;
	tx_running = sim->tx_running;
	tx_held = kfifo_len(&sim->tx_ring);
	tx_issued = sim->tx_issued;
	ctrl = kfifo_len(&sim->ctrl);
	dlq = skb_queue_len(&sim->dlq);
	flood_left = sim->flood.left;
	ul_offer = sim->ul_offer;
	large = sim->dl_large;
	large_used = sim->dl_large_used;
	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		signal[ch] = sim->host_signal[ch];
		dyn[ch] = sim->ch[ch].dyn_mtu;
		dl_size[ch] = bdsim_ch_dl_size(sim, ch);
		pool[ch] = bdsim_ch_pool(sim, ch);
		fmt[ch] = sim->ch[ch].fmt;
	}
	spin_unlock_irqrestore(&sim->lock, flags);

	seq_printf(s, "pc %d\n", pc_state == BDSIM_PC_UP_WAIT_ACK ||
		   pc_state == BDSIM_PC_UP);
	seq_printf(s, "pc_state %s\n", bdsim_pc_state_names[pc_state]);
	seq_printf(s, "vote %d\n", vote);
	seq_printf(s, "no_pc %d\n", no_pc);
	seq_printf(s, "restart %s\n", bdsim_restart_names[restart]);
	seq_printf(s, "crashed %d\n", crashed);
	seq_printf(s, "announced 0x%02x\n", announced);
	seq_printf(s, "remote_open 0x%02x\n", remote_open);
	seq_printf(s, "host_open 0x%02x\n", host_open);
	seq_printf(s, "rx_running %d\n", rx_running);
	seq_printf(s, "rx_buffers %u\n", rx_held);
	seq_printf(s, "rx_issued %u\n", rx_issued);
	seq_printf(s, "tx_running %d\n", tx_running);
	seq_printf(s, "tx_frames %u\n", tx_held);
	seq_printf(s, "tx_issued %u\n", tx_issued);
	seq_printf(s, "dl_ctrl_queued %u\n", ctrl);
	seq_printf(s, "dl_backlog %u\n", dlq);
	seq_printf(s, "flood_left %u\n", flood_left);
	seq_printf(s, "idle_ms %u\n", READ_ONCE(sim->idle_ms));
	seq_printf(s, "collapse_ms %u\n", READ_ONCE(sim->collapse_ms));
	seq_printf(s, "rx_len_known %d\n", READ_ONCE(sim->rx_len_known));
	seq_printf(s, "ul_stall %d\n", ul_stall);
	seq_printf(s, "ul_mtu %u\n", READ_ONCE(sim->ul_mtu));
	seq_printf(s, "ul_offer %u\n", ul_offer);
	seq_printf(s, "ul_limit %u\n", ul_offer ? ul_offer : BDSIM_UL_MTU);
	seq_printf(s, "dl_large %d\n", large);
	seq_printf(s, "dl_large_used %u\n", large_used);
	for (ch = 0; ch < BDSIM_NUM_CH; ch++) {
		seq_printf(s, "host_signal_ch%u 0x%02x\n", ch, signal[ch]);
		seq_printf(s, "dyn_mtu_ch%u %d\n", ch, dyn[ch]);
		seq_printf(s, "dl_size_ch%u %u\n", ch, dl_size[ch]);
		seq_printf(s, "dl_pool_ch%u %u\n", ch, pool[ch]);
		seq_printf(s, "format_ch%u %s\n", ch, bdsim_fmt_name(fmt[ch]));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bdsim_state);

static int bdsim_stats_file_show(struct seq_file *s, void *unused)
{
	bdsim_stats_show(s, s->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bdsim_stats_file);

/* Runtime-PM references held on the transport device: 0 when idle. */
static int bdsim_pm_usage_show(struct seq_file *s, void *unused)
{
	struct bdsim *sim = s->private;

#ifdef CONFIG_PM
	seq_printf(s, "%d\n", atomic_read(&sim->dev->power.usage_count));
#else
	seq_puts(s, "0\n");
#endif
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bdsim_pm_usage);

/**
 * bdsim_debugfs_add() - create the directory of one modem
 * @sim: the modem, started
 *
 * Failures are not fatal: the modem works without its controls.
 */
void bdsim_debugfs_add(struct bdsim *sim)
{
	struct dentry *dir;

	dir = debugfs_create_dir(dev_name(sim->dev), bdsim_debugfs_root);
	sim->debugfs = dir;

	debugfs_create_file_unsafe("idle_ms", 0600, dir, sim,
				   &bdsim_idle_ms_fops);
	debugfs_create_u32("ack_delay_ms", 0600, dir, &sim->ack_delay_ms);
	debugfs_create_u32("restart_delay_ms", 0600, dir,
			   &sim->restart_delay_ms);
	debugfs_create_file_unsafe("collapse_ms", 0600, dir, sim,
				   &bdsim_collapse_ms_fops);
	debugfs_create_file_unsafe("rx_len_known", 0600, dir, sim,
				   &bdsim_rx_len_known_fops);
	debugfs_create_file_unsafe("ul_stall", 0600, dir, sim,
				   &bdsim_ul_stall_fops);
	debugfs_create_file("inject", 0200, dir, sim, &bdsim_inject_fops);
	debugfs_create_file("restart", 0200, dir, sim, &bdsim_restart_fops);
	debugfs_create_file("dl_flood", 0200, dir, sim, &bdsim_flood_fops);
	debugfs_create_file("ul_flood", 0200, dir, sim, &bdsim_ul_flood_fops);
	debugfs_create_file_unsafe("ul_mtu", 0600, dir, sim,
				   &bdsim_ul_mtu_fops);
	debugfs_create_file("data_format", 0600, dir, sim,
			    &bdsim_data_format_fops);
	debugfs_create_file("bind_mux", 0200, dir, sim, &bdsim_bind_mux_fops);
	debugfs_create_file("unbind_mux", 0200, dir, sim,
			    &bdsim_unbind_mux_fops);
	debugfs_create_file("flow", 0200, dir, sim, &bdsim_flow_fops);
	debugfs_create_file("state", 0400, dir, sim, &bdsim_state_fops);
	debugfs_create_file("stats", 0400, dir, sim, &bdsim_stats_file_fops);
	debugfs_create_file("pm_usage", 0400, dir, sim, &bdsim_pm_usage_fops);
}

/**
 * bdsim_debugfs_remove() - remove the directory of one modem
 * @sim: the modem
 *
 * Returns once no handler runs any more.
 */
void bdsim_debugfs_remove(struct bdsim *sim)
{
	debugfs_remove_recursive(sim->debugfs);
	sim->debugfs = NULL;
}

/*
 * The channels a modem announces when it boots. Module-wide
 * (``boot_announce`` in the debugfs root), so that it can be set before a
 * device is bound: unbind, write, bind again.
 */
u32 bdsim_boot_announce = BDSIM_ALL_CHANNELS;

/*
 * Announce channels from the highest down (``announce_reverse``): firmware
 * does not promise an order, and the driver must not depend on one.
 */
bool bdsim_announce_reverse;

/**
 * bdsim_debugfs_init() - create /sys/kernel/debug/bam_dmux_sim
 */
void bdsim_debugfs_init(void)
{
	bdsim_debugfs_root = debugfs_create_dir(BDSIM_DRV_NAME, NULL);
	debugfs_create_x32("boot_announce", 0600, bdsim_debugfs_root,
			   &bdsim_boot_announce);
	debugfs_create_bool("announce_reverse", 0600, bdsim_debugfs_root,
			    &bdsim_announce_reverse);
}

/**
 * bdsim_debugfs_exit() - remove /sys/kernel/debug/bam_dmux_sim
 */
void bdsim_debugfs_exit(void)
{
	debugfs_remove_recursive(bdsim_debugfs_root);
}

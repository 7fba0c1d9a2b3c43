/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * Copyright (C) 2021 Intel Corporation.
 */
#ifndef _WWAN_H_
#define _WWAN_H_

enum {
	IFLA_WWAN_UNSPEC,
	IFLA_WWAN_LINK_ID, /* u32 */
	IFLA_WWAN_CHANNEL, /* u32: the modem's data channel (port) */
	IFLA_WWAN_PROTOCOL, /* u32: enum wwan_link_protocol */
	IFLA_WWAN_MUX_ID, /* u32: the link's session within the protocol */

	__IFLA_WWAN_MAX
};

#define IFLA_WWAN_MAX (__IFLA_WWAN_MAX - 1)

/**
 * enum wwan_link_protocol - how the links of a data channel share it
 * @WWAN_LINK_PROTO_NONE: the link has the channel to itself (raw IP)
 * @WWAN_LINK_PROTO_QMAP: Qualcomm MAP (QMAP) headers carry a mux ID
 * @WWAN_LINK_PROTO_QMAPV4: QMAP with MAPv4 checksum offload (trailer on
 *	downlink, checksum header on uplink)
 * @WWAN_LINK_PROTO_QMAPV5: QMAP with the MAPv5 checksum offload header
 * @__WWAN_LINK_PROTO_MAX: number of protocols
 *
 * The QMAP variants are the data formats a modem is switched to (QMI WDA
 * aggregation protocols QMAP, QMAPv4, QMAPv5): their frames differ on the
 * wire, so a link names the one its channel uses.
 */
enum wwan_link_protocol {
	WWAN_LINK_PROTO_NONE,
	WWAN_LINK_PROTO_QMAP,
	WWAN_LINK_PROTO_QMAPV4,
	WWAN_LINK_PROTO_QMAPV5,

	__WWAN_LINK_PROTO_MAX
};

#define WWAN_LINK_PROTO_MAX (__WWAN_LINK_PROTO_MAX - 1)

#endif /* _WWAN_H_ */

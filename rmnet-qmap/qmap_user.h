/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What qmap.c takes from the kernel, for a userspace build of the same
 * source (the fuzzer under fuzz/): fixed-size types, bool, the big-endian
 * unaligned accessors and EXPORT_SYMBOL_GPL().
 */
#ifndef _RMNET_QMAP_USER_H
#define _RMNET_QMAP_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)

static inline u16 get_unaligned_be16(const void *p)
{
	const u8 *b = p;

	return (u16)(b[0] << 8 | b[1]);
}

static inline u32 get_unaligned_be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline void put_unaligned_be16(u16 val, void *p)
{
	u8 *b = p;

	b[0] = val >> 8;
	b[1] = val;
}

static inline void put_unaligned_be32(u32 val, void *p)
{
	u8 *b = p;

	b[0] = val >> 24;
	b[1] = val >> 16;
	b[2] = val >> 8;
	b[3] = val;
}

/* Nothing to export from a program: a harmless declaration. */
#define EXPORT_SYMBOL_GPL(sym)	struct qmap_exported_##sym

#endif /* _RMNET_QMAP_USER_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift kernel stack: the bytes a program's deepest call chain takes from
 * the kernel stack are bounded (8 KiB), over the whole chain. Frames on the
 * private stack do not count, but every call does (return address, saved
 * registers), every frame on the kernel stack does, and every callback
 * adds the C frames of the helper that calls it. Global functions restart
 * the frame count, not this one.
 *
 * The chains below alternate global functions and static callbacks that
 * bpf_loop() calls (its flags come from a global, so it is not inlined), as
 * a program would to reach a deep recursion: main has a frame over 512 bytes,
 * so every function of 64 bytes or more runs on a private stack. Eight levels
 * fit and run; sixteen do not. The same with bpf_for_each_map_elem(), and a
 * chain of global functions alone: 64 fit, 128 do not. Built with
 * -mllvm -bpf-stack-size.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

__u64 loop_flags;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} one SEC(".maps");

/* a frame over 512 bytes in main: its program runs on private stacks */
static __always_inline int big_frame(int x)
{
	volatile char buf[1024];

	buf[x & 1023] = x;
	return buf[x & 1023] == (char)x ? 0 : 1000;
}

__noinline int leaf(int x)
{
	return x;
}

/* g<i>() calls bpf_loop() once, whose callback calls g<next>(), plus one */
#define LOOP_LEVEL(i, next)						\
static int cb_loop##i(__u64 idx, void *ctx)				\
{									\
	int *x = ctx;							\
									\
	*x = next(*x) + 1;						\
	return 1;							\
}									\
__noinline int g_loop##i(int x)						\
{									\
	int v = x;							\
									\
	bpf_loop(1, cb_loop##i, &v, loop_flags);			\
	return v;							\
}

LOOP_LEVEL(15, leaf)
LOOP_LEVEL(14, g_loop15)
LOOP_LEVEL(13, g_loop14)
LOOP_LEVEL(12, g_loop13)
LOOP_LEVEL(11, g_loop12)
LOOP_LEVEL(10, g_loop11)
LOOP_LEVEL(9, g_loop10)
LOOP_LEVEL(8, g_loop9)
LOOP_LEVEL(7, g_loop8)
LOOP_LEVEL(6, g_loop7)
LOOP_LEVEL(5, g_loop6)
LOOP_LEVEL(4, g_loop5)
LOOP_LEVEL(3, g_loop4)
LOOP_LEVEL(2, g_loop3)
LOOP_LEVEL(1, g_loop2)
LOOP_LEVEL(0, g_loop1)

SEC("tc")
__description("eight levels of global function and bpf_loop() callback fit and run")
__success __retval(8)
int kstack_loop_8(struct __sk_buff *skb)
{
	return g_loop8(0) + big_frame(skb->len);
}

SEC("tc")
__description("sixteen levels of global function and bpf_loop() callback are refused")
__failure __msg("the call chain kstack_loop_16() -> g_loop0() -> cb_loop0() -> g_loop1()")
__msg("bytes of the kernel stack, more than 8192")
__msg("error[V0040]: call chain may overflow the kernel stack")
int kstack_loop_16(struct __sk_buff *skb)
{
	return g_loop0(0) + big_frame(skb->len);
}

/* the same through bpf_for_each_map_elem() */
#define EACH_LEVEL(i, next)						\
static long cb_each##i(void *map, __u32 *key, __u64 *val, void *ctx)	\
{									\
	int *x = ctx;							\
									\
	*x = next(*x) + 1;						\
	return 1;							\
}									\
__noinline int g_each##i(int x)						\
{									\
	int v = x;							\
									\
	bpf_for_each_map_elem(&one, cb_each##i, &v, 0);			\
	return v;							\
}

EACH_LEVEL(15, leaf)
EACH_LEVEL(14, g_each15)
EACH_LEVEL(13, g_each14)
EACH_LEVEL(12, g_each13)
EACH_LEVEL(11, g_each12)
EACH_LEVEL(10, g_each11)
EACH_LEVEL(9, g_each10)
EACH_LEVEL(8, g_each9)
EACH_LEVEL(7, g_each8)
EACH_LEVEL(6, g_each7)
EACH_LEVEL(5, g_each6)
EACH_LEVEL(4, g_each5)
EACH_LEVEL(3, g_each4)
EACH_LEVEL(2, g_each3)
EACH_LEVEL(1, g_each2)
EACH_LEVEL(0, g_each1)

SEC("tc")
__description("eight levels through bpf_for_each_map_elem() fit and run")
__success __retval(8)
int kstack_each_8(struct __sk_buff *skb)
{
	return g_each8(0) + big_frame(skb->len);
}

SEC("tc")
__description("sixteen levels through bpf_for_each_map_elem() are refused")
__failure __msg("bytes of the kernel stack, more than 8192")
int kstack_each_16(struct __sk_buff *skb)
{
	return g_each0(0) + big_frame(skb->len);
}

/*
 * A chain of global functions without frames: the frame rules restart at
 * each global function and count no bytes, each call still takes 80.
 */
#define CALL_LEVEL(i, next)						\
__noinline int g_call##i(int x)						\
{									\
	return next(x) + 1;						\
}

#define CALL_LEVELS8(a, b, c, d, e, f, g, h, next)			\
	CALL_LEVEL(h, next) CALL_LEVEL(g, g_call##h)			\
	CALL_LEVEL(f, g_call##g) CALL_LEVEL(e, g_call##f)		\
	CALL_LEVEL(d, g_call##e) CALL_LEVEL(c, g_call##d)		\
	CALL_LEVEL(b, g_call##c) CALL_LEVEL(a, g_call##b)

CALL_LEVELS8(120, 121, 122, 123, 124, 125, 126, 127, leaf)
CALL_LEVELS8(112, 113, 114, 115, 116, 117, 118, 119, g_call120)
CALL_LEVELS8(104, 105, 106, 107, 108, 109, 110, 111, g_call112)
CALL_LEVELS8(96, 97, 98, 99, 100, 101, 102, 103, g_call104)
CALL_LEVELS8(88, 89, 90, 91, 92, 93, 94, 95, g_call96)
CALL_LEVELS8(80, 81, 82, 83, 84, 85, 86, 87, g_call88)
CALL_LEVELS8(72, 73, 74, 75, 76, 77, 78, 79, g_call80)
CALL_LEVELS8(64, 65, 66, 67, 68, 69, 70, 71, g_call72)
CALL_LEVELS8(56, 57, 58, 59, 60, 61, 62, 63, g_call64)
CALL_LEVELS8(48, 49, 50, 51, 52, 53, 54, 55, g_call56)
CALL_LEVELS8(40, 41, 42, 43, 44, 45, 46, 47, g_call48)
CALL_LEVELS8(32, 33, 34, 35, 36, 37, 38, 39, g_call40)
CALL_LEVELS8(24, 25, 26, 27, 28, 29, 30, 31, g_call32)
CALL_LEVELS8(16, 17, 18, 19, 20, 21, 22, 23, g_call24)
CALL_LEVELS8(8, 9, 10, 11, 12, 13, 14, 15, g_call16)
CALL_LEVELS8(0, 1, 2, 3, 4, 5, 6, 7, g_call8)

SEC("tc")
__description("a chain of 64 global functions fits and runs")
__success __retval(64)
int kstack_call_64(struct __sk_buff *skb)
{
	return g_call64(0);
}

SEC("tc")
__description("a chain of 128 global functions is refused")
__failure __msg("the call chain kstack_call_128() -> g_call0() -> g_call1() -> g_call2()")
__msg("bytes of the kernel stack, more than 8192")
int kstack_call_128(struct __sk_buff *skb)
{
	return g_call0(0);
}

/* a static callback that passes itself to bpf_loop(): refused */
static int cb_self(__u64 idx, void *ctx)
{
	bpf_loop(1, cb_self, ctx, loop_flags);
	return 1;
}

SEC("tc")
__description("a callback that passes itself to bpf_loop() is refused")
__failure __msg("the call stack of")
int kstack_cb_self(struct __sk_buff *skb)
{
	int x = 0;

	bpf_loop(1, cb_self, &x, loop_flags);
	return x;
}

char _license[] SEC("license") = "GPL";

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

CALL_LEVEL(127, leaf)
CALL_LEVEL(126, g_call127)
CALL_LEVEL(125, g_call126)
CALL_LEVEL(124, g_call125)
CALL_LEVEL(123, g_call124)
CALL_LEVEL(122, g_call123)
CALL_LEVEL(121, g_call122)
CALL_LEVEL(120, g_call121)
CALL_LEVEL(119, g_call120)
CALL_LEVEL(118, g_call119)
CALL_LEVEL(117, g_call118)
CALL_LEVEL(116, g_call117)
CALL_LEVEL(115, g_call116)
CALL_LEVEL(114, g_call115)
CALL_LEVEL(113, g_call114)
CALL_LEVEL(112, g_call113)
CALL_LEVEL(111, g_call112)
CALL_LEVEL(110, g_call111)
CALL_LEVEL(109, g_call110)
CALL_LEVEL(108, g_call109)
CALL_LEVEL(107, g_call108)
CALL_LEVEL(106, g_call107)
CALL_LEVEL(105, g_call106)
CALL_LEVEL(104, g_call105)
CALL_LEVEL(103, g_call104)
CALL_LEVEL(102, g_call103)
CALL_LEVEL(101, g_call102)
CALL_LEVEL(100, g_call101)
CALL_LEVEL(99, g_call100)
CALL_LEVEL(98, g_call99)
CALL_LEVEL(97, g_call98)
CALL_LEVEL(96, g_call97)
CALL_LEVEL(95, g_call96)
CALL_LEVEL(94, g_call95)
CALL_LEVEL(93, g_call94)
CALL_LEVEL(92, g_call93)
CALL_LEVEL(91, g_call92)
CALL_LEVEL(90, g_call91)
CALL_LEVEL(89, g_call90)
CALL_LEVEL(88, g_call89)
CALL_LEVEL(87, g_call88)
CALL_LEVEL(86, g_call87)
CALL_LEVEL(85, g_call86)
CALL_LEVEL(84, g_call85)
CALL_LEVEL(83, g_call84)
CALL_LEVEL(82, g_call83)
CALL_LEVEL(81, g_call82)
CALL_LEVEL(80, g_call81)
CALL_LEVEL(79, g_call80)
CALL_LEVEL(78, g_call79)
CALL_LEVEL(77, g_call78)
CALL_LEVEL(76, g_call77)
CALL_LEVEL(75, g_call76)
CALL_LEVEL(74, g_call75)
CALL_LEVEL(73, g_call74)
CALL_LEVEL(72, g_call73)
CALL_LEVEL(71, g_call72)
CALL_LEVEL(70, g_call71)
CALL_LEVEL(69, g_call70)
CALL_LEVEL(68, g_call69)
CALL_LEVEL(67, g_call68)
CALL_LEVEL(66, g_call67)
CALL_LEVEL(65, g_call66)
CALL_LEVEL(64, g_call65)
CALL_LEVEL(63, g_call64)
CALL_LEVEL(62, g_call63)
CALL_LEVEL(61, g_call62)
CALL_LEVEL(60, g_call61)
CALL_LEVEL(59, g_call60)
CALL_LEVEL(58, g_call59)
CALL_LEVEL(57, g_call58)
CALL_LEVEL(56, g_call57)
CALL_LEVEL(55, g_call56)
CALL_LEVEL(54, g_call55)
CALL_LEVEL(53, g_call54)
CALL_LEVEL(52, g_call53)
CALL_LEVEL(51, g_call52)
CALL_LEVEL(50, g_call51)
CALL_LEVEL(49, g_call50)
CALL_LEVEL(48, g_call49)
CALL_LEVEL(47, g_call48)
CALL_LEVEL(46, g_call47)
CALL_LEVEL(45, g_call46)
CALL_LEVEL(44, g_call45)
CALL_LEVEL(43, g_call44)
CALL_LEVEL(42, g_call43)
CALL_LEVEL(41, g_call42)
CALL_LEVEL(40, g_call41)
CALL_LEVEL(39, g_call40)
CALL_LEVEL(38, g_call39)
CALL_LEVEL(37, g_call38)
CALL_LEVEL(36, g_call37)
CALL_LEVEL(35, g_call36)
CALL_LEVEL(34, g_call35)
CALL_LEVEL(33, g_call34)
CALL_LEVEL(32, g_call33)
CALL_LEVEL(31, g_call32)
CALL_LEVEL(30, g_call31)
CALL_LEVEL(29, g_call30)
CALL_LEVEL(28, g_call29)
CALL_LEVEL(27, g_call28)
CALL_LEVEL(26, g_call27)
CALL_LEVEL(25, g_call26)
CALL_LEVEL(24, g_call25)
CALL_LEVEL(23, g_call24)
CALL_LEVEL(22, g_call23)
CALL_LEVEL(21, g_call22)
CALL_LEVEL(20, g_call21)
CALL_LEVEL(19, g_call20)
CALL_LEVEL(18, g_call19)
CALL_LEVEL(17, g_call18)
CALL_LEVEL(16, g_call17)
CALL_LEVEL(15, g_call16)
CALL_LEVEL(14, g_call15)
CALL_LEVEL(13, g_call14)
CALL_LEVEL(12, g_call13)
CALL_LEVEL(11, g_call12)
CALL_LEVEL(10, g_call11)
CALL_LEVEL(9, g_call10)
CALL_LEVEL(8, g_call9)
CALL_LEVEL(7, g_call8)
CALL_LEVEL(6, g_call7)
CALL_LEVEL(5, g_call6)
CALL_LEVEL(4, g_call5)
CALL_LEVEL(3, g_call4)
CALL_LEVEL(2, g_call3)
CALL_LEVEL(1, g_call2)
CALL_LEVEL(0, g_call1)

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

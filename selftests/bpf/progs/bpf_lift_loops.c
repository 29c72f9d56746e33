// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift loops: widening at loop heads and the run-time loop budget.
 *
 * Loop bounds come from places the verifier cannot see through: a global in
 * .data (a writable map value), a map value written just before, the length of
 * the test packet (64 bytes). Each program runs (__retval) and most assert
 * that verification took a few hundred instructions rather than one walk of the
 * body per iteration. __sink() keeps clang from folding a loop into a formula.
 */

#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* "processed N insns" with N below 5000 */
#define UNDER_5000 "processed {{([0-9]{1,3}|[1-4][0-9]{3})}} insns"

int n_global = 1000;
int n_outer = 30;
int n_inner = 40;
__u32 n_huge = 0xffffffff;
__u32 search_key = 63;
__u32 sorted[64] = {
#define ROW(i) 3 * (i), 3 * (i + 1), 3 * (i + 2), 3 * (i + 3)
	ROW(0), ROW(4), ROW(8), ROW(12), ROW(16), ROW(20), ROW(24), ROW(28),
	ROW(32), ROW(36), ROW(40), ROW(44), ROW(48), ROW(52), ROW(56), ROW(60),
#undef ROW
};
__u32 small[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

struct loop_val {
	__u32 n;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct loop_val);
} loop_map SEC(".maps");

/* Count to @n, one iteration at a time (__sink() keeps the loop a loop). */
static __always_inline __u32 count_to(__u32 n)
{
	__u32 i, cnt = 0;

	for (i = 0; i < n; i++) {
		cnt++;
		__sink(cnt);
	}
	return cnt;
}

SEC("socket")
__description("loop bound from a global: widened, budgeted, runs to the end")
__success __retval(1000)
__log_level(1) __msg("note[V0032]: loop is checked at run time")
__msg(UNDER_5000)
int loop_global_bound(void *ctx)
{
	return count_to(n_global);
}

SEC("socket")
__description("loop bound from a map value")
__success __retval(77)
__log_level(1) __msg(UNDER_5000)
int loop_map_bound(void *ctx)
{
	struct loop_val *v;
	__u32 key = 0, i, cnt = 0;

	v = bpf_map_lookup_elem(&loop_map, &key);
	if (!v)
		return -1;
	v->n = 77;
	asm volatile("" ::: "memory");
	for (i = 0; i < v->n; i++) {
		cnt++;
		__sink(cnt);
	}
	return cnt;
}

SEC("tc")
__description("loop over the packet, bounded by its length")
__success __retval(64)
__log_level(1) __msg("note[V0033]: index is checked at run time")
__msg(UNDER_5000)
int loop_packet_bound(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	__u32 len = data_end - data, i, cnt = 0, sum = 0;

	for (i = 0; i < len; i++) {
		__u8 *p = data + i;

		if ((void *)(p + 1) > data_end)
			break;
		sum += *p;
		cnt++;
	}
	return cnt + sum;
}

SEC("tc")
__description("loop over the packet with the index bounded by the program: no check")
__success __retval(64)
__log_level(1) __not_msg("V0033")
int loop_packet_bound_by_program(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	__u32 len = data_end - data, i, cnt = 0, sum = 0;

	for (i = 0; i < len; i++) {
		__u8 *p;

		if (i >= 1500)
			break;
		p = data + i;
		if ((void *)(p + 1) > data_end)
			break;
		sum += *p;
		cnt++;
	}
	return cnt + sum;
}

SEC("socket")
__description("nested loops, both bounds from globals")
__success __retval(1200)
__log_level(1) __msg(UNDER_5000)
int loop_nested(void *ctx)
{
	int i, j, cnt = 0;

	for (i = 0; i < n_outer; i++)
		for (j = 0; j < n_inner; j++) {
			cnt++;
			__sink(cnt);
		}
	return cnt;
}

SEC("socket")
__description("1,000,000 iterations verify in under 5,000 instructions")
__success __retval(1000000)
__log_level(1) __msg(UNDER_5000)
int loop_1m(void *ctx)
{
	return count_to(1000000);
}

SEC("socket")
__description("binary search over a global array, key from a global")
__success __retval(21)
__log_level(1) __msg(UNDER_5000)
int loop_binary_search(void *ctx)
{
	__u32 lo = 0, hi = 64, key = search_key;

	while (lo < hi) {
		__u32 mid = (lo + hi) / 2;

		if (sorted[mid & 63] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct idx_val {
	__u32 v[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct idx_val);
} idx_map SEC(".maps");

int n_idx_ok = 64;
int n_idx_bad = 100;

/* Write v[i] = i + 1 and sum it back, for i below *n: the index is checked. */
static __always_inline int fill_and_sum(int *n)
{
	struct idx_val *val;
	__u32 key = 0, sum = 0;
	int i;

	val = bpf_map_lookup_elem(&idx_map, &key);
	if (!val)
		return -1;
	for (i = 0; i < *n; i++) {
		__sink(i);
		val->v[i] = i + 1;
		sum += val->v[i];
	}
	return sum;
}

SEC("socket")
__description("unmasked index into a map value: checked at run time, in range")
__success __retval(2080)
__log_level(1) __msg("note[V0033]: index is checked at run time")
__msg(UNDER_5000)
int loop_index_checked(void *ctx)
{
	return fill_and_sum(&n_idx_ok);
}

SEC("socket")
__description("unmasked index into a map value: the check fires, the program returns 0")
__success __retval(0)
int loop_index_check_fires(void *ctx)
{
	return fill_and_sum(&n_idx_bad);
}

SEC("socket")
__description("a constant bound keeps the index proven: no index check, sum exact")
__success __retval(136)
__log_level(1) __not_msg("V0033")
int loop_constant_index(void *ctx)
{
	__u32 i, sum = 0;

	for (i = 0; i < 16; i++)
		sum += small[i];
	return sum;
}

SEC("socket")
__description("the budget runs out: the program returns 0")
__success __retval(0)
int loop_budget_fires(void *ctx)
{
	return count_to(n_huge) | 1;
}

SEC("socket")
__description("a loop without an exit is rejected at its head, not at the insn limit")
__failure __msg("infinite loop detected at insn")
__msg("error[V0034]: loop has no exit")
__msg("processed {{[0-9][0-9]?}} insns")
int loop_no_exit(void *ctx)
{
	__u32 i = 0;

	for (;;) {
		i++;
		__sink(i);
	}
	return 0;
}

SEC("socket")
__description("unprivileged: a data-bound loop is still a back-edge")
__failure_unpriv __msg_unpriv("back-edge")
__success __retval(1000)
int loop_unpriv(void *ctx)
{
	return count_to(n_global);
}

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} loop_ringbuf SEC(".maps");

/*
 * The loop gets its budget on the first path, which holds no reference; the
 * second enters it holding a ring buffer reservation, where a spent budget
 * could not end the program. Widening gives up and the path walk verifies the
 * program (the bound is below 16).
 */
SEC("socket")
__description("a budgeted loop entered holding a reference: the path walk decides")
__success __retval(0)
__log_level(1) __msg("verified again without widening")
__naked void loop_budget_with_reference(void)
{
	asm volatile ("					\
	call %[bpf_get_prandom_u32];			\
	r9 = r0;					\
	r9 &= 15;					\
	r8 = 0;						\
	r7 = 0;						\
	call %[bpf_get_prandom_u32];			\
	if r0 == 0 goto l_ref_%=;			\
l_head_%=:						\
	r7 += 1;					\
	if r7 < r9 goto l_head_%=;			\
	if r8 == 0 goto l_out_%=;			\
	r1 = r8;					\
	r2 = 0;						\
	call %[bpf_ringbuf_discard];			\
l_out_%=:						\
	r0 = 0;						\
	exit;						\
l_ref_%=:						\
	r1 = %[loop_ringbuf] ll;			\
	r2 = 8;						\
	r3 = 0;						\
	call %[bpf_ringbuf_reserve];			\
	if r0 == 0 goto l_out_%=;			\
	r8 = r0;					\
	goto l_head_%=;					\
"	:
	: __imm(bpf_get_prandom_u32),
	  __imm(bpf_ringbuf_reserve),
	  __imm(bpf_ringbuf_discard),
	  __imm_addr(loop_ringbuf)
	: __clobber_all);
}

/*
 * The loop head is itself the checked "ptr += idx": it gets the budget and
 * the index check both. r7 reaches 256 past a 256-byte value: the check
 * returns 0 (without it the loop would write past the value and return 1).
 */
SEC("socket")
__description("a loop head that is also a checked index gets both checks")
__success __retval(0)
__naked void loop_head_is_checked_index(void)
{
	asm volatile ("					\
	r1 = 0;						\
	*(u32 *)(r10 - 4) = r1;				\
	r2 = r10;					\
	r2 += -4;					\
	r1 = %[idx_map] ll;				\
	call %[bpf_map_lookup_elem];			\
	if r0 == 0 goto l_null_%=;			\
	r6 = r0;					\
	r8 = 1000;					\
	r7 = 0;						\
	r1 = r6;					\
l_head_%=:						\
	r1 += r7;					\
	*(u8 *)(r1 + 0) = 0;				\
	r7 += 1;					\
	r1 = r6;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
l_null_%=:						\
	r0 = 2;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map)
	: __clobber_all);
}

/*
 * The loop head is a no-op, which the verifier removes after verification:
 * the budget must stay. The bound is 0xffffffff: the budget ends the loop and
 * the program returns 0 (the loop's own exit returns 1).
 */
SEC("socket")
__description("a loop head that is a no-op keeps its budget")
__success __retval(0)
__naked void loop_head_is_nop(void)
{
	asm volatile ("					\
	r1 = %[n_huge] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	goto +0;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(n_huge)
	: __clobber_all);
}

char _license[] SEC("license") = "GPL";

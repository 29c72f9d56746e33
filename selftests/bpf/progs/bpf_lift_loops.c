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
	0, 3, 6, 9, 12, 15, 18, 21,
	24, 27, 30, 33, 36, 39, 42, 45,
	48, 51, 54, 57, 60, 63, 66, 69,
	72, 75, 78, 81, 84, 87, 90, 93,
	96, 99, 102, 105, 108, 111, 114, 117,
	120, 123, 126, 129, 132, 135, 138, 141,
	144, 147, 150, 153, 156, 159, 162, 165,
	168, 171, 174, 177, 180, 183, 186, 189,
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
__description("loop bound from a global: widened, checked at its entry, runs to the end")
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
__description("1,000,000 iterations verify in under 5,000 instructions, checked at the entry")
__success __retval(1000000)
__log_level(1) __not_msg("budget is spent") __msg("is checked at its entry")
__not_msg("budget is spent") __msg(UNDER_5000)
int loop_1m(void *ctx)
{
	return count_to(1000000);
}

SEC("socket")
__description("a counted loop whose bound the program caps is checked at its entry")
__success __retval(2000)
__log_level(1) __not_msg("budget is spent") __msg("is checked at its entry")
__not_msg("budget is spent") __msg(UNDER_5000)
__naked void loop_capped_bound(void)
{
	asm volatile ("					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	if r8 <= 100000 goto l_capped_%=;		\
	r8 = 100000;					\
l_capped_%=:						\
	r7 = 0;						\
	r0 = 0;						\
l_head_%=:						\
	r0 += 2;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(n_global)
	: __clobber_all);
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

/* A loop that one path enters holding a ring buffer reservation. */
#define LOOP_WITH_REFERENCE "				\
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
"

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
	asm volatile (LOOP_WITH_REFERENCE
	:
	: __imm(bpf_get_prandom_u32),
	  __imm(bpf_ringbuf_reserve),
	  __imm(bpf_ringbuf_discard),
	  __imm_addr(loop_ringbuf)
	: __clobber_all);
}

/*
 * The loop head is itself the checked "ptr += idx": it gets the budget (the
 * index steps by 2, so the loop is not a counted one) and the index check
 * both. r7 reaches 256 past a 256-byte value: the check returns 0 (without it
 * the loop would write past the value and return 1).
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
	r1 = %[n_huge] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
	r1 = r6;					\
l_head_%=:						\
	r1 += r7;					\
	*(u8 *)(r1 + 0) = 0;				\
	r7 += 2;					\
	r1 = r6;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
l_null_%=:						\
	r0 = 2;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map),
	  __imm_addr(n_huge)
	: __clobber_all);
}

/*
 * Once the loop is widened, "r1 += r2" needs a run-time check (r2 is r7, up
 * to n_huge). On the path where r7 >= 1000, which only the widened walk
 * reaches, no value of the index is within the 256-byte value: the check
 * would always fail there, so the access is refused as it would be without
 * one. (The empty range such a path once left behind is pinned by the
 * fuzzer's finding 20-137 in scripts/fuzz.d/corpus/, which 'make test'
 * replays: its index has a range outside the check and a tnum inside it.)
 * The walk without widening then refuses the program at r7 = 256.
 */
SEC("socket")
__description("an index the run-time check can never let through is refused")
__failure __msg("a walk with widened loops failed")
__msg("error[V0008]: access outside the map value")
__naked void loop_index_never_in_range(void)
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
	r1 = %[n_huge] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r2 = r7;					\
	if r7 < 1000 goto l_add_%=;			\
	r2 = r7;					\
l_add_%=:						\
	r1 += r2;					\
	*(u8 *)(r1 + 0) = 0;				\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
l_null_%=:						\
	r0 = 2;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map),
	  __imm_addr(n_huge)
	: __clobber_all);
}

/*
 * The loop head is a no-op, which the verifier removes after verification:
 * the budget must stay. The index steps by 2 (not a counted loop) towards
 * 0xffffffff: the budget ends the loop and the program returns 0 (the loop's
 * own exit returns 1).
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
	r7 += 2;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(n_huge)
	: __clobber_all);
}

/*
 * A counted loop whose bound is data of any size is checked at its entry: the
 * program returns 0 there if the loop would run BPF_MAX_LOOPS times or more,
 * and otherwise runs the loop without a budget.
 */
__u32 n_big = 0xfffffff0;

SEC("socket")
__description("long counted loop: checked at its entry, 10 iterations from i = n - 10 run")
__success __retval(10)
__log_level(1) __msg("is checked at its entry")
__naked void loop_entry_check_exact(void)
{
	asm volatile ("					\
	r1 = %[n_big] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = r8;					\
	r7 -= 10;					\
	r0 = 0;						\
l_head_%=:						\
	r0 += 1;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(n_big)
	: __clobber_all);
}

SEC("socket")
__description("long counted loop counting down: checked at its entry, runs 1,000 times")
__success __retval(1000)
__log_level(1) __msg("is checked at its entry")
__naked void loop_entry_check_down(void)
{
	asm volatile ("					\
	r1 = %[n_global] ll;				\
	r7 = *(u32 *)(r1 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	r0 += 1;					\
	r7 += -1;					\
	if r7 != 0 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(n_global)
	: __clobber_all);
}

/*
 * Loops that look counted but are not, or not briefly enough: each is checked
 * (a budget, or the trip count at its entry), and at run time each would run
 * for billions of iterations (or forever) without it, so the check ends it
 * and the program returns 0. (Its own exit returns 1.)
 */
__u32 one = 1;
__u32 twenty = 20;
int int_min = -2147483647 - 1;

SEC("socket")
__description("counted loop, unsafe variant: the index steps by 1 or 2 and skips n")
__success __retval(0)
__log_level(1) __msg("note[V0032]: loop is checked at run time")
__naked void loop_two_steps(void)
{
	asm volatile ("					\
	r1 = %[one] ll;					\
	r6 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
	r8 = 11;					\
l_head_%=:						\
	if r6 != 0 goto l_two_%=;			\
	r7 += 1;					\
	goto l_test_%=;					\
l_two_%=:						\
	r7 += 2;					\
l_test_%=:						\
	if r7 != r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(one)
	: __clobber_all);
}

SEC("socket")
__description("counted loop, unsafe variant: i != n with i starting above n")
__success __retval(0)
__log_level(1) __msg("note[V0032]: loop is checked at run time")
__naked void loop_ne_wraps(void)
{
	asm volatile ("					\
	r1 = %[twenty] ll;				\
	r7 = *(u32 *)(r1 + 0);				\
l_head_%=:						\
	w7 += 1;					\
	if w7 != 10 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(twenty)
	: __clobber_all);
}

SEC("socket")
__description("counted loop, unsafe variant: a signed index from INT_MIN, 2^31 iterations")
__success __retval(0)
__log_level(1) __msg("note[V0032]: loop is checked at run time")
__naked void loop_signed_long(void)
{
	asm volatile ("					\
	r1 = %[int_min] ll;				\
	r7 = *(u32 *)(r1 + 0);				\
l_head_%=:						\
	w7 += 1;					\
	if w7 s< 10 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(int_min)
	: __clobber_all);
}

SEC("socket")
__description("counted loop, unsafe variant: the bound grows in the loop")
__success __retval(0)
__log_level(1) __msg("note[V0032]: loop is checked at run time")
__naked void loop_bound_grows(void)
{
	asm volatile ("					\
	r7 = 0;						\
	r8 = 10;					\
l_head_%=:						\
	r7 += 1;					\
	r8 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	::: __clobber_all);
}

/*
 * From the review of the counted-loop patches: each of these ran unbounded
 * with 0007/0008. A long loop after a short one (the second loop's check was
 * built from a moved insn), and a counter that LD_ABS overwrites.
 */
SEC("socket")
__description("review: a long counted loop after a short one is still checked")
__success __retval(0)
__naked void loop_review_two_loops(void)
{
	asm volatile ("					\
	r1 = %[one] ll;					\
	r6 = *(u32 *)(r1 + 0);				\
	r1 = %[n_big] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_a_%=:							\
	r7 += 1;					\
	if r7 < r6 goto l_a_%=;				\
	r9 = 0;						\
l_b_%=:							\
	r9 += 1;					\
	if r9 < r8 goto l_b_%=;				\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(one),
	  __imm_addr(n_big)
	: __clobber_all);
}

SEC("socket")
__description("review: a counter that LD_ABS overwrites is not counted")
__success __retval(0)
__naked void loop_review_ld_abs(void)
{
	asm volatile ("					\
	r6 = r1;					\
	r8 = 0;						\
	r0 = 0;						\
l_head_%=:						\
	r0 += 1;					\
	r8 += 1;					\
	if r8 < 100 goto l_skip_%=;			\
	r8 = 0;						\
l_skip_%=:						\
	r0 = *(u8 *)skb[0];				\
	if r0 < 100 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	::: __clobber_all);
}

/*
 * More from that review. An entry through the return of a subprog called
 * before the loop is an entry too. Two paths into the loop with different
 * starts: the run-time check sees the start of the path taken. A loop that a
 * break can leave keeps its budget: an entry check would end runs that the
 * break ends early.
 */
__u32 zero;

static __noinline __u32 loop_review_start(void)
{
	return 0;
}

SEC("socket")
__description("review: a loop entered by a return from a subprog is checked there")
__success __retval(0)
__log_level(1) __msg("is checked at its entry")
__naked void loop_review_entry_by_return(void)
{
	asm volatile ("					\
	r1 = %[n_big] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	call loop_review_start;				\
	r7 = r0;					\
l_head_%=:						\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
"	:
	: __imm_addr(n_big),
	  __imm(loop_review_start)
	: __clobber_all);
}

/* %[start] picks i = 0 (4e9 iterations: the check ends the program) or n - 5 */
#define LOOP_TWO_STARTS "				\
	r1 = %[start] ll;				\
	r6 = *(u32 *)(r1 + 0);				\
	r1 = %[n_big] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
	r0 = 0;						\
	if r6 == 0 goto l_head_%=;			\
	r7 = r8;					\
	r7 -= 5;					\
l_head_%=:						\
	r0 += 1;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	exit;						\
"

SEC("socket")
__description("review: two starts of one loop, the long one taken: checked, returns 0")
__success __retval(0)
__log_level(1) __msg("is checked at its entry")
__naked void loop_review_long_start(void)
{
	asm volatile (LOOP_TWO_STARTS
	:
	: __imm_const(start, &zero),
	  __imm_addr(n_big)
	: __clobber_all);
}

SEC("socket")
__description("review: two starts of one loop, the short one taken: runs 5 times")
__success __retval(5)
__log_level(1) __msg("is checked at its entry")
__naked void loop_review_short_start(void)
{
	asm volatile (LOOP_TWO_STARTS
	:
	: __imm_const(start, &one),
	  __imm_addr(n_big)
	: __clobber_all);
}

SEC("socket")
__description("review: a counted loop with a break keeps its budget and breaks")
__success __retval(100)
__log_level(1) __not_msg("is checked at its entry") __msg("budget is spent")
__naked void loop_review_break(void)
{
	asm volatile ("					\
	r1 = %[n_big] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	if r7 == 100 goto l_out_%=;			\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
l_out_%=:						\
	r0 = r7;					\
	exit;						\
"	:
	: __imm_addr(n_big)
	: __clobber_all);
}

/*
 * An entry that the loop's own body falls into (the loop test at the
 * bottom, entered by a goto): the check gets a goto over itself for the body,
 * or it would run on every iteration. The run shows the goto lands on the test.
 */
SEC("socket")
__description("review: an entry the body falls into: checked once, runs 1,000 times")
__success __retval(3000)
__log_level(1) __msg("is checked at its entry") __not_msg("budget is spent")
__xlated("5: goto pc+3")		/* the way in: to the check */
__xlated("6: r7 += 1")
__xlated("7: r0 += 3")
__xlated("8: goto pc+7")		/* the body: over the check */
__xlated("...")
__xlated("16: if r7 < r6 goto pc-11")	/* the loop: to the body */
__naked void loop_review_fall_into_entry(void)
{
	asm volatile ("					\
	r1 = %[n_global] ll;				\
	r6 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
	r0 = 0;						\
	goto l_test_%=;					\
l_body_%=:						\
	r7 += 1;					\
	r0 += 3;					\
l_test_%=:						\
	if r7 < r6 goto l_body_%=;			\
	exit;						\
"	:
	: __imm_addr(n_global)
	: __clobber_all);
}

/*
 * Loops in global functions are widened too: a global function is verified on
 * its own, and its callers take any scalar it returns, so a failed check
 * returns 0 from the function instead of ending the program.
 */
__noinline int loop_global_count(__u32 n)
{
	return count_to(n);
}

SEC("socket")
__description("a loop in a global function: widened, checked at its entry")
__success __retval(1000)
__log_level(1) __msg("is checked at its entry: it returns 0 from its function")
__msg(UNDER_5000)
int loop_in_global_function(void *ctx)
{
	return loop_global_count(n_global);
}

/*
 * i steps by 2 from 1 towards 0xffffffff: 2^31 iterations, not a counted loop.
 * Run to the end it would return -1.
 */
__noinline int loop_global_spin(__u32 n)
{
	__u32 i = 1;

	while (i != n) {
		i += 2;
		__sink(i);
	}
	/* hide that i == n here: the caller must see what ran */
	asm volatile ("" : "+r"(i));
	return i;
}

SEC("socket")
__description("a budget spent in a global function returns 0 from it, the program goes on")
__success __retval(100)
__log_level(1) __msg("it returns 0 from its function when the loop budget is spent")
int loop_global_budget_fires(void *ctx)
{
	return loop_global_spin(n_huge) + 100;
}

/* loop_budget_with_reference's body, as a global function */
__naked __noinline int loop_global_ref_body(void)
{
	asm volatile (LOOP_WITH_REFERENCE
	:
	: __imm(bpf_get_prandom_u32),
	  __imm(bpf_ringbuf_reserve),
	  __imm(bpf_ringbuf_discard),
	  __imm_addr(loop_ringbuf)
	: __clobber_all);
}

SEC("socket")
__description("a global function's loop entered holding a reference: the path walk decides")
__success __retval(7)
__log_level(1) __msg("verified again without widening")
int loop_global_with_reference(void *ctx)
{
	return loop_global_ref_body() + 7;
}

/*
 * From the review: a counted loop that starts at the first insn of a global
 * function is entered by the calls of the function; the check at that entry
 * sees 2^64 - 1 iterations and returns 0 from the function.
 */
__noinline int loop_global_at_entry(__u64 i, __u64 n)
{
	/* i and n stay in r1 and r2: the loop is the function's first insn */
	asm volatile ("l_head_%=: %[i] += 1; if %[i] < %[n] goto l_head_%=;"
		      : [i] "+r"(i)
		      : [n] "r"(n));
	return i;	/* not a constant: the caller sees what ran */
}

SEC("socket")
__description("review: a counted loop at a global function's first insn is checked there")
__success __retval(5)
__log_level(1) __msg("is checked at its entry: it returns 0 from its function")
int loop_global_entry_first_insn(void *ctx)
{
	return loop_global_at_entry(0, -1) + 5;
}

/*
 * The checks as the JIT or the interpreter gets them (__xlated; AX is r12 in
 * the listing). The tc programs fail closed with TC_ACT_SHOT, 2, which no
 * other insn of theirs loads into r0.
 *
 * The entry check of a counted loop: i as the first test sees it (the step
 * comes first: i + 1) against n, then n - i against the limit, once, before
 * the loop. The loop is the code as written, and its back edge goes past the
 * check.
 */
SEC("tc")
__description("the entry check of a counted loop, insn by insn")
__success __retval(2000)
__xlated("4: r0 = 0")
__xlated("5: r12 = r7")
__xlated("6: r12 += 1")
__xlated("7: if r12 >= r8 goto pc+5")		/* i + 1 >= n: the loop ends at once */
__xlated("8: r12 -= r8")
__xlated("9: r12 = -r12")			/* n - (i + 1) */
__xlated("10: if r12 <= 0x7ffffe goto pc+2")	/* BPF_MAX_LOOPS - 2 */
__xlated("11: r0 = 2")
__xlated("12: exit")
__xlated("13: r0 += 2")				/* the loop */
__xlated("14: r7 += 1")
__xlated("15: if r7 < r8 goto pc-3")		/* to 13, past the check */
__xlated("16: exit")
__naked void loop_xlated_entry_check(void)
{
	asm volatile ("					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
	r0 = 0;						\
l_head_%=:						\
	r0 += 2;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(n_global)
	: __clobber_all);
}

/*
 * A 32-bit index counting down to a constant with "!=": the check is 32-bit,
 * has no early way out (an index past n is not "done" for "!=") and no
 * negation (i - n counting down).
 */
SEC("tc")
__description("the entry check of a 32-bit counted loop counting down, insn by insn")
__success __retval(1000)
__xlated("3: r0 = 0")
__xlated("4: w12 = w7")
__xlated("5: w12 += -1")
__xlated("6: w12 -= 0")
__xlated("7: if w12 <= 0x7ffffe goto pc+2")
__xlated("8: r0 = 2")
__xlated("9: exit")
__xlated("10: r0 += 1")				/* the loop */
__xlated("11: w7 += -1")
__xlated("12: if w7 != 0x0 goto pc-3")
__xlated("13: exit")
__naked void loop_xlated_entry_check_down(void)
{
	asm volatile ("					\
	r1 = %[n_global] ll;				\
	r7 = *(u32 *)(r1 + 0);				\
	r0 = 0;						\
l_head_%=:						\
	r0 += 1;					\
	w7 += -1;					\
	if w7 != 0 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_addr(n_global)
	: __clobber_all);
}

/*
 * The loop budget: the index steps by 2, so the loop is not a counted one
 * and gets "may_goto +1; goto +2; r0 = fail; exit" before its head, which
 * do_misc_fixups() makes a count in a stack slot. Under the JIT that is the
 * timed budget (a count of 0xffff that calls arch_bpf_timed_may_goto() each
 * time it runs out, two slots set in the prologue); under the interpreter a
 * count of BPF_MAX_LOOPS in one slot. The back edge goes to the budget.
 */
#define LOOP_STEP_TWO "					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r7 += 2;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = r7;					\
	exit;						\
"

SEC("tc")
__description("the loop budget under the JIT, insn by insn: the timed may_goto")
__success __retval(1000)
__test_tag("load_mode=jited")
__xlated("0: *(u64 *)(r10 -16) = 65535")
__xlated("1: *(u64 *)(r10 -8) = 0")
__xlated("...")
__xlated("5: r7 = 0")
__xlated("6: r12 = *(u64 *)(r10 -16)")
__xlated("7: if r12 == 0x0 goto pc+6")		/* spent: to 14 */
__xlated("8: r12 -= 1")
__xlated("9: if r12 != 0x0 goto pc+2")
__xlated("10: r12 = -16")
__xlated("11: call unknown")			/* arch_bpf_timed_may_goto() */
__xlated("12: *(u64 *)(r10 -16) = r12")
__xlated("13: goto pc+2")
__xlated("14: r0 = 2")
__xlated("15: exit")
__xlated("16: r7 += 2")				/* the loop */
__xlated("17: if r7 < r8 goto pc-12")		/* to 6, the budget */
__naked void loop_xlated_budget_jited(void)
{
	asm volatile (LOOP_STEP_TWO
	:
	: __imm_addr(n_global)
	: __clobber_all);
}

SEC("tc")
__description("the loop budget under the interpreter, insn by insn: a count")
__success __retval(1000)
__test_tag("load_mode=no_jited")
__xlated("0: *(u64 *)(r10 -8) = 8388608")	/* BPF_MAX_LOOPS */
__xlated("...")
__xlated("4: r7 = 0")
__xlated("5: r12 = *(u64 *)(r10 -8)")
__xlated("6: if r12 == 0x0 goto pc+3")		/* spent: to 10 */
__xlated("7: r12 -= 1")
__xlated("8: *(u64 *)(r10 -8) = r12")
__xlated("9: goto pc+2")
__xlated("10: r0 = 2")
__xlated("11: exit")
__xlated("12: r7 += 2")				/* the loop */
__xlated("13: if r7 < r8 goto pc-9")		/* to 5, the budget */
__naked void loop_xlated_budget_interp(void)
{
	asm volatile (LOOP_STEP_TWO
	:
	: __imm_addr(n_global)
	: __clobber_all);
}

/*
 * An index check: r7 is the index of a counted loop bounded by a global, so
 * widening leaves it without an upper bound, and "r1 += r7" into the 256-byte
 * value gets "if r7 <= 255 goto +2; r0 = fail; exit" before it. The loop's
 * back edge goes to the check (the entry check before it runs once). The
 * listing has no insn numbers: the JIT inlines the map lookup, the
 * interpreter calls it.
 */
#define LOOP_INDEX_CHECK "				\
	r1 = 0;						\
	*(u32 *)(r10 - 4) = r1;				\
	r2 = r10;					\
	r2 += -4;					\
	r1 = %[idx_map] ll;				\
	call %[bpf_map_lookup_elem];			\
	if r0 == 0 goto l_null_%=;			\
	r6 = r0;					\
	r1 = %[n] ll;					\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r1 += r7;					\
	*(u8 *)(r1 + 0) = 1;				\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = r7;					\
	exit;						\
l_null_%=:						\
	r0 = 1;						\
	exit;						\
"

SEC("tc")
__description("the index check of a widened loop, insn by insn")
__success __retval(64)
__xlated("r1 = r6")
__xlated("if r7 <= 0xff goto pc+2")		/* 256 - 1 - 0 */
__xlated("r0 = 2")
__xlated("exit")
__xlated("r1 += r7")
__xlated("*(u8 *)(r1 +0) = 1")
__xlated("r7 += 1")
__xlated("if r7 < r8 goto pc-8")		/* to "r1 = r6", through the check */
__xlated("r0 = r7")
__naked void loop_xlated_index_check(void)
{
	asm volatile (LOOP_INDEX_CHECK
	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map),
	  __imm_const(n, &n_idx_ok)
	: __clobber_all);
}

SEC("tc")
__description("the index check of a widened loop fires at 256: TC_ACT_SHOT")
__success __retval(2)
__log_level(1)
__msg("R7 is checked at run time at insn 22: the program returns 2 if it is above 255")
__naked void loop_xlated_index_check_fires(void)
{
	asm volatile (LOOP_INDEX_CHECK
	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map),
	  __imm_const(n, &n_global)
	: __clobber_all);
}

/*
 * An index one past the end of a map value ("i <= 64" over u32 v[64]) is not
 * rejected: widening cannot prove it in range, so it is checked, and the
 * check ends the program at i = 64, before the write. (Its own exit returns 1.)
 */
SEC("tc")
__description("loop, unsafe variant: an index one past a map value is checked, the check fires")
__success __retval(2)
__log_level(1)
__msg("R2 is checked at run time at insn 21: the program returns 2 if it is above 255")
__naked void loop_index_past_map_value(void)
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
	r7 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r2 = r7;					\
	r2 <<= 2;					\
	r1 += r2;					\
	*(u32 *)(r1 + 0) = r7;				\
	r7 += 1;					\
	if r7 <= 64 goto l_head_%=;			\
	r0 = 1;						\
	exit;						\
l_null_%=:						\
	r0 = 0;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map)
	: __clobber_all);
}

/*
 * Unsafe variants that are rejected: the checks cover an index into a map
 * value or a packet in the main function or a global function, with nothing
 * held; everything else stays proven, as in mainline. Where a walk with
 * widened loops fails, the walk without widening that follows fails too, and
 * early: each of these goes out of bounds within a few hundred iterations.
 */

/* u32 a[16] on the stack, written for i <= 16: a[16] is fp+0 */
SEC("socket")
__description("loop, unsafe variant: an index one past a stack array")
__failure __msg("invalid write to stack R1 off=0 size=4")
__msg("a walk with widened loops failed")
__msg("error[V0017]: stack access outside the frame")
__naked void loop_unsafe_stack_off_by_one(void)
{
	asm volatile ("					\
	r7 = 0;						\
l_head_%=:						\
	r1 = r10;					\
	r1 += -64;					\
	r2 = r7;					\
	r2 <<= 2;					\
	r1 += r2;					\
	*(u32 *)(r1 + 0) = r7;				\
	r7 += 1;					\
	if r7 <= 16 goto l_head_%=;			\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

/* u8 buf[16]: i steps by 2 from 0 to "!= 15", so it skips its bound to 16 */
SEC("socket")
__description("loop, unsafe variant: a step of 2 skips the bound and leaves a stack buffer")
__failure __msg("invalid write to stack R1 off=0 size=1")
__msg("a walk with widened loops failed")
__msg("error[V0017]: stack access outside the frame")
__naked void loop_unsafe_step_skips_bound(void)
{
	asm volatile ("					\
	r7 = 0;						\
l_head_%=:						\
	r1 = r10;					\
	r1 += -16;					\
	r1 += r7;					\
	r2 = 0;						\
	*(u8 *)(r1 + 0) = r2;				\
	r7 += 2;					\
	if r7 != 15 goto l_head_%=;			\
	r0 = 0;						\
	exit;						\
"	::: __clobber_all);
}

/* the bound of a loop over u8 buf[16] is capped at 16 on one path only */
SEC("socket")
__description("loop, unsafe variant: the bound is capped on one path only")
__failure __msg("invalid write to stack R1 off=0 size=1")
__msg("a walk with widened loops failed")
__msg("error[V0017]: stack access outside the frame")
__naked void loop_unsafe_bound_one_path(void)
{
	asm volatile ("					\
	call %[bpf_get_prandom_u32];			\
	r6 = r0;					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	if r6 == 0 goto l_loop_%=;			\
	if r8 <= 16 goto l_loop_%=;			\
	r8 = 16;					\
l_loop_%=:						\
	r7 = 0;						\
l_head_%=:						\
	r1 = r10;					\
	r1 += -16;					\
	r1 += r7;					\
	r2 = 0;						\
	*(u8 *)(r1 + 0) = r2;				\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 0;						\
	exit;						\
"	:
	: __imm(bpf_get_prandom_u32),
	  __imm_addr(n_global)
	: __clobber_all);
}

/* u8 buf[16] indexed with i & 31 for i below a global: the mask is too wide */
SEC("socket")
__description("loop, unsafe variant: a mask wider than the stack buffer it indexes")
__failure __msg("invalid write to stack R1 off=0 size=1")
__msg("a walk with widened loops failed")
__msg("error[V0017]: stack access outside the frame")
__naked void loop_unsafe_wide_mask(void)
{
	asm volatile ("					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r2 = r7;					\
	r2 &= 31;					\
	r1 = r10;					\
	r1 += -16;					\
	r1 += r2;					\
	r3 = 0;						\
	*(u8 *)(r1 + 0) = r3;				\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r0 = 0;						\
	exit;						\
"	:
	: __imm_addr(n_global)
	: __clobber_all);
}

/*
 * A binary search over u32 a[16] on the stack with hi = 17: a key above
 * every element reads a[16]. (What the array holds does not matter.)
 */
SEC("socket")
__description("loop, unsafe variant: a binary search one past its stack array")
__failure __msg("invalid read from stack R2 off=0 size=4")
__msg("a walk with widened loops failed")
__msg("error[V0017]: stack access outside the frame")
__naked void loop_unsafe_binary_search(void)
{
	asm volatile ("					\
	r1 = %[search_key] ll;				\
	r9 = *(u32 *)(r1 + 0);				\
	r6 = 0;						\
	r7 = 17;					\
l_head_%=:						\
	if r6 >= r7 goto l_out_%=;			\
	r8 = r6;					\
	r8 += r7;					\
	r8 >>= 1;					\
	r1 = r8;					\
	r1 <<= 2;					\
	r2 = r10;					\
	r2 += -64;					\
	r2 += r1;					\
	r3 = *(u32 *)(r2 + 0);				\
	if r3 >= r9 goto l_hi_%=;			\
	r6 = r8;					\
	r6 += 1;					\
	goto l_head_%=;					\
l_hi_%=:						\
	r7 = r8;					\
	goto l_head_%=;					\
l_out_%=:						\
	r0 = r6;					\
	exit;						\
"	:
	: __imm_addr(search_key)
	: __clobber_all);
}

/* a pointer advanced over the 256-byte value instead of an index: not checked */
SEC("socket")
__description("loop, unsafe variant: a pointer walk past the end of a map value")
__failure __msg("invalid access to map value, value_size=256 off=256 size=1")
__msg("a walk with widened loops failed")
__msg("error[V0008]: access outside the map value")
__naked void loop_unsafe_pointer_walk(void)
{
	asm volatile ("					\
	r1 = 0;						\
	*(u32 *)(r10 - 4) = r1;				\
	r2 = r10;					\
	r2 += -4;					\
	r1 = %[idx_map] ll;				\
	call %[bpf_map_lookup_elem];			\
	if r0 == 0 goto l_null_%=;			\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
	r1 = r0;					\
l_head_%=:						\
	r2 = 0;						\
	*(u8 *)(r1 + 0) = r2;				\
	r1 += 1;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
l_null_%=:						\
	r0 = 0;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm_addr(idx_map),
	  __imm_addr(n_global)
	: __clobber_all);
}

struct lock_val {
	struct bpf_spin_lock lock;
	__u8 v[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct lock_val);
} lock_map SEC(".maps");

/*
 * The index of loop_xlated_index_check() under a spin lock: a failed check
 * could not end the program with the lock held, so there is none, and the
 * index runs past v[64].
 */
SEC("tc")
__description("loop, unsafe variant: an unchecked index under a spin lock")
__failure __msg("invalid access to map value, value_size=68 off=68 size=1")
__msg("error[V0008]: access outside the map value")
__naked void loop_unsafe_index_under_lock(void)
{
	asm volatile ("					\
	r1 = 0;						\
	*(u32 *)(r10 - 4) = r1;				\
	r2 = r10;					\
	r2 += -4;					\
	r1 = %[lock_map] ll;				\
	call %[bpf_map_lookup_elem];			\
	if r0 == 0 goto l_null_%=;			\
	r6 = r0;					\
	r1 = r6;					\
	call %[bpf_spin_lock];				\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r1 += 4;					\
	r1 += r7;					\
	r2 = 0;						\
	*(u8 *)(r1 + 0) = r2;				\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	r1 = r6;					\
	call %[bpf_spin_unlock];			\
l_null_%=:						\
	r0 = 0;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm(bpf_spin_lock),
	  __imm(bpf_spin_unlock),
	  __imm_addr(lock_map),
	  __imm_addr(n_global)
	: __clobber_all);
}

/* the same holding a ring buffer reservation, which a failed check would leak */
SEC("socket")
__description("loop, unsafe variant: an unchecked index while holding a reference")
__failure __msg("invalid access to map value, value_size=256 off=256 size=1")
__msg("error[V0008]: access outside the map value")
__naked void loop_unsafe_index_with_reference(void)
{
	asm volatile ("					\
	r1 = %[loop_ringbuf] ll;			\
	r2 = 8;						\
	r3 = 0;						\
	call %[bpf_ringbuf_reserve];			\
	if r0 == 0 goto l_out_%=;			\
	r9 = r0;					\
	r1 = 0;						\
	*(u32 *)(r10 - 4) = r1;				\
	r2 = r10;					\
	r2 += -4;					\
	r1 = %[idx_map] ll;				\
	call %[bpf_map_lookup_elem];			\
	if r0 == 0 goto l_discard_%=;			\
	r6 = r0;					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r1 += r7;					\
	r2 = 0;						\
	*(u8 *)(r1 + 0) = r2;				\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
l_discard_%=:						\
	r1 = r9;					\
	r2 = 0;						\
	call %[bpf_ringbuf_discard];			\
l_out_%=:						\
	r0 = 0;						\
	exit;						\
"	:
	: __imm(bpf_map_lookup_elem),
	  __imm(bpf_ringbuf_reserve),
	  __imm(bpf_ringbuf_discard),
	  __imm_addr(loop_ringbuf),
	  __imm_addr(idx_map),
	  __imm_addr(n_global)
	: __clobber_all);
}

/* a reservation taken before the loop and released in it, every iteration */
SEC("socket")
__description("loop, unsafe variant: a reference released on every iteration")
__failure __msg("R1 type=scalar expected=ringbuf_mem")
__msg("error[V0005]: argument of the wrong type")
__naked void loop_unsafe_release_in_loop(void)
{
	asm volatile ("					\
	r1 = %[loop_ringbuf] ll;			\
	r2 = 8;						\
	r3 = 0;						\
	call %[bpf_ringbuf_reserve];			\
	if r0 == 0 goto l_out_%=;			\
	r6 = r0;					\
	r1 = %[n_global] ll;				\
	r8 = *(u32 *)(r1 + 0);				\
	r7 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r2 = 0;						\
	call %[bpf_ringbuf_discard];			\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
l_out_%=:						\
	r0 = 0;						\
	exit;						\
"	:
	: __imm(bpf_ringbuf_reserve),
	  __imm(bpf_ringbuf_discard),
	  __imm_addr(loop_ringbuf),
	  __imm_addr(n_global)
	: __clobber_all);
}

/*
 * loop_packet_bound() without its "p + 1 > data_end" test: an index check
 * would keep the pointer within MAX_PACKET_OFF, not within the packet, so the
 * first read is refused.
 */
SEC("tc")
__description("loop, unsafe variant: a packet loop that never compares with data_end")
__failure __msg("invalid access to packet, off=0 size=1, R1(id=0,off=0,r=0)")
__msg("error[V0011]: packet access not proven to be within the packet")
__naked void loop_unsafe_packet_unchecked(void)
{
	asm volatile ("					\
	r6 = *(u32 *)(r1 + %[__sk_buff_data]);		\
	r8 = *(u32 *)(r1 + %[__sk_buff_len]);		\
	r7 = 0;						\
	r0 = 0;						\
l_head_%=:						\
	r1 = r6;					\
	r1 += r7;					\
	r2 = *(u8 *)(r1 + 0);				\
	r0 += r2;					\
	r7 += 1;					\
	if r7 < r8 goto l_head_%=;			\
	exit;						\
"	:
	: __imm_const(__sk_buff_data, offsetof(struct __sk_buff, data)),
	  __imm_const(__sk_buff_len, offsetof(struct __sk_buff, len))
	: __clobber_all);
}

/*
 * fill_and_sum() in a static function: its loops are not widened (its caller
 * relies on what it returns), so its index is not checked, and the walk
 * reaches v[64].
 */
static __noinline int loop_static_fill(struct idx_val *val, int n)
{
	int i, sum = 0;

	for (i = 0; i < n; i++) {
		__sink(i);
		val->v[i] = i + 1;
		sum += val->v[i];
	}
	return sum;
}

SEC("socket")
__description("loop, unsafe variant: an unmasked index into a map value in a static function")
__failure __msg("invalid access to map value, value_size=256 off=256 size=4")
__msg("error[V0008]: access outside the map value")
int loop_unsafe_static_function(void *ctx)
{
	struct idx_val *val;
	__u32 key = 0;

	val = bpf_map_lookup_elem(&idx_map, &key);
	if (!val)
		return 0;
	return loop_static_fill(val, n_global);
}

/*
 * A global function's loop writes past the memory its argument describes
 * (one __u32): only map values and packets get an index check.
 */
__noinline int loop_global_fill(__u32 *buf, __u32 n)
{
	__u32 i;

	if (!buf)
		return 0;
	for (i = 0; i < n; i++) {
		__sink(i);
		buf[i] = i;
	}
	return 0;
}

SEC("socket")
__description("loop, unsafe variant: a global function's loop writes past its argument")
__failure __msg("Validating loop_global_fill() func#1...")
__msg("invalid access to memory, mem_size=4 off=4 size=4")
__msg("error[V0007]: access outside the bounds of the object")
int loop_unsafe_global_function(void *ctx)
{
	__u32 x = 0;

	return loop_global_fill(&x, n_global) + x;
}

char _license[] SEC("license") = "GPL";

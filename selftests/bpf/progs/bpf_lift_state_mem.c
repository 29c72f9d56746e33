// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift state memory: a verifier state copies the stack slots of its
 * frames, so a 128 KiB frame makes a state of about 1.4 MB, and a few hundred
 * branches on values the verifier does not know keep a few hundred states.
 * The load is refused (V0041) once the states it keeps would pass its
 * budget (an eighth of memory, at most 512 MiB), rather than when the page
 * allocator gives up. The same branches with a frame of 512 bytes load.
 *
 * The states a loop leaves at its back-edges count too. In the loop below,
 * the second way of each of 1,200 branches writes the bottom of a 24 KiB
 * frame and is then pruned where the two ways join, against the first way,
 * which never writes it: a back-edge, a copy of the big frame the loop keeps
 * until it is left. No other state the walk keeps has the big frame. (A
 * frame with a may_goto loop stays under 32 KiB; prog_tests runs these with
 * widening off, the walk the loop took when this was found.)
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* 400 branches on a random value, each leaving a state to explore */
#define BRANCHES					\
	".rept 400;"					\
	"call %[bpf_get_prandom_u32];"			\
	"if r0 > 1000 goto 1f;"				\
	"r1 = 1;"					\
	"1:;"						\
	".endr;"

SEC("tc")
__description("400 pending states of a 128 KiB frame, 1.4 MB each, are refused")
__failure __msg("states of up to {{[0-9]+}} bytes would take more than")
__msg("error[V0041]: verification would take too much memory")
__naked void state_mem_128k(void)
{
	asm volatile (
	"r7 = 0;"
	"r1 = 0;"
	"r2 = r10;"
	"r2 += -131072;"
	"*(u64 *)(r2 + 0) = r1;"
	BRANCHES
	"r0 = 0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

SEC("tc")
__description("the same branches with a frame of 512 bytes load")
__success __retval(0)
__naked void state_mem_512(void)
{
	asm volatile (
	"r7 = 0;"
	"r1 = 0;"
	"*(u64 *)(r10 - 512) = r1;"
	BRANCHES
	"r0 = 0;"
	"exit;"
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

/*
 * A may_goto loop of 1,200 branches on a random value. The first way pads
 * its way to the join (enough instructions that the join keeps its state),
 * the second writes the frame at SLOT before it gets there. Both leave the
 * same registers live, so that the second is pruned at the join.
 */
#define LOOP(SLOT)					\
"1:"							\
	"may_goto 4f;"					\
	".rept 1200;"					\
	"call %[bpf_get_prandom_u32];"			\
	"if r0 > 1000 goto 2f;"				\
	"r1 = 1;"					\
	"r1 = 2;"					\
	"r1 = 3;"					\
	"r1 = 4;"					\
	"r1 = 5;"					\
	"r1 = 6;"					\
	"goto 3f;"					\
"2:"							\
	"r1 = 0;"					\
	"r2 = r10;"					\
	"r2 += " #SLOT ";"				\
	"*(u64 *)(r2 + 0) = r1;"			\
"3:;"							\
	".endr;"					\
	"goto 1b;"					\
"4:"							\
	"r0 = 0;"					\
	"exit;"

SEC("tc")
__description("1,200 back-edges of a 24 KiB frame are refused")
__failure __msg("states of up to {{[0-9]+}} bytes would take more than")
__msg("error[V0041]: verification would take too much memory")
__naked void state_mem_backedges_24k(void)
{
	asm volatile (
	LOOP(-24576)
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

SEC("tc")
__description("the same loop with a frame of 512 bytes loads")
__success __retval(0)
__naked void state_mem_backedges_512(void)
{
	asm volatile (
	LOOP(-512)
	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

char _license[] SEC("license") = "GPL";

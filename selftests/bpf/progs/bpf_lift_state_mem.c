// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift state memory: a verifier state copies the stack slots of its
 * frames, so a 128 KiB frame makes a state of about 1.4 MB, and a few hundred
 * branches on values the verifier does not know keep a few hundred states.
 * The load is refused (V0041) once the states it keeps would pass its
 * budget (an eighth of memory, at most 512 MiB), rather than when the page
 * allocator gives up. The same branches with a frame of 512 bytes load.
 */

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

/* 400 branches on a random value, each leaving a state to explore */
#define BRANCHES					\
	".rept 400;"					\
	"call %[bpf_get_prandom_u32];"			\
	"if r0 > 1000 goto 1f;"				\
	"r7 += 1;"					\
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

char _license[] SEC("license") = "GPL";

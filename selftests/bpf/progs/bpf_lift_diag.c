// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-lift coded diagnostics: one rejected program per error code.
 *
 * Each program is named vNNNN_<slug> after the code it triggers (the JSON
 * test in prog_tests/bpf_lift_diag.c derives the expected code from the name)
 * and asserts the end of its log: the headline with the code and title,
 * the location and the help line of kernel/bpf/diag_codes.h.
 *
 * The location names a line of this file: moving a program moves its line.
 * Programs rejected only when unprivileged are loaded by test_loader with
 * its capabilities dropped, and an unprivileged user cannot load BTF: their
 * location is the instruction index (test_bpf_lift_diag_json loads them
 * with BTF and checks their line).
 *
 * V0001, V0005 and V0009 also assert the message after the caret: theirs
 * is not passed to the code's call site but printed by the verifier apart.
 */

#include <linux/if_ether.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "../../../include/linux/filter.h"
#include "bpf_misc.h"

struct diag_val {
	char buf[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} diag_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} diag_array32 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} diag_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct diag_val);
} diag_vals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} diag_ringbuf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} diag_sockmap SEC(".maps");

/* In .rodata: libbpf freezes it and the program may only read it. */
const volatile __u32 diag_limit = 8;

/* A helper id no kernel has: the call is not one the verifier knows. */
static long (* const diag_no_such_helper)(void) = (void *)999999;

/* V0001: a rejection without a dedicated code. */
SEC("socket")
__failure __msg("invalid func unknown#999999")
__msg("error[V0001]: the verifier rejected the program")
__msg("--> bpf_lift_diag.c:86:")
__msg("^ invalid func unknown#999999")
__msg("= help: read the message above; log_level 2 adds the full trace and the long explanation")
int v0001_rejected(struct __sk_buff *skb)
{
	return diag_no_such_helper();
}

/* V0002: a socket filter has no tc_classid (tc programs do). */
SEC("socket")
__failure __msg("invalid bpf_context access off=")
__msg("error[V0002]: invalid access to the program context")
__msg("--> bpf_lift_diag.c:97:")
__msg("= help: read only the context fields this program type allows, with the field's own size")
int v0002_ctx_access(struct __sk_buff *skb)
{
	return skb->tc_classid;
}

/*
 * V0003: a hash map lookup may return NULL (an array lookup with a constant
 * key in range may not).
 */
SEC("socket")
__failure __msg("invalid mem access 'map_value_or_null'")
__msg("error[V0003]: dereference of a pointer that may be NULL")
__msg("--> bpf_lift_diag.c:115:")
__msg("= help: check the pointer before using it, e.g. `if (!val) return 0;`")
int v0003_null_deref(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *val;

	val = bpf_map_lookup_elem(&diag_hash, &key);
	return *val == 1;
}

/* V0004: an integer from the packet's metadata used as an address. */
SEC("socket")
__failure __msg("invalid mem access 'scalar'")
__msg("error[V0004]: dereference of a value that is not a pointer to memory")
__msg("--> bpf_lift_diag.c:128:")
__msg("= help: load through pointers the verifier knows (ctx, map value, stack, packet)")
int v0004_bad_deref(struct __sk_buff *skb)
{
	__u32 *p = (__u32 *)(unsigned long)skb->mark;

	return *p;
}

/* V0005: the key passed by value instead of by address. */
SEC("socket")
__failure __msg("R2 type=scalar expected=")
__msg("error[V0005]: argument of the wrong type")
__msg("--> bpf_lift_diag.c:143:")
__msg("^ R2 type=scalar expected=")
__msg("= help: pass the kind of pointer or value the callee expects, as named after `expected=`")
int v0005_arg_type(struct __sk_buff *skb)
{
	__u32 key = skb->len;
	__u64 *val;

	val = bpf_map_lookup_elem(&diag_array, (void *)(unsigned long)key);
	return val != 0;
}

/* V0006: r1 is a caller-saved register: the call leaves it unwritten. */
SEC("socket")
__failure __msg("R1 !read_ok")
__msg("error[V0006]: read of a register that was never written")
__msg("--> bpf_lift_diag.c:155:")
__msg("= help: give the variable a value on every path before it is used")
__naked void v0006_uninit_reg(void)
{
	asm volatile ("					\
	r6 = r1;					\
	call %[bpf_get_prandom_u32];			\
	r0 = *(u32 *)(r1 + 0);				\
	exit;						\
"	:
	: __imm(bpf_get_prandom_u32)
	: __clobber_all);
}

/* V0007: the index may reach 31 in a 16-byte ring buffer record. */
SEC("tc")
__failure __msg("max value is outside of the allowed memory range")
__msg("error[V0007]: access outside the bounds of the object")
__msg("--> bpf_lift_diag.c:179:")
__msg("= help: compare the index with the size before the access, e.g. `if (i >= N) return 0;`")
int v0007_mem_range(struct __sk_buff *skb)
{
	__u32 i = skb->len & 31;
	__u8 *rec;

	rec = bpf_ringbuf_reserve(&diag_ringbuf, 16, 0);
	if (!rec)
		return 0;
	rec[i] = 1;
	bpf_ringbuf_submit(rec, 0);
	return 0;
}

/* V0008: an 8-byte read of a 4-byte map value. */
SEC("socket")
__failure __msg("invalid access to map value, value_size=4 off=0 size=8")
__msg("error[V0008]: access outside the map value")
__msg("--> bpf_lift_diag.c:198:")
__msg("= help: keep offset plus size within the map's value_size")
int v0008_map_value_bounds(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *val;

	val = bpf_map_lookup_elem(&diag_array32, &key);
	if (!val)
		return 0;
	return *val == 1;
}

/* V0009: an ingress cgroup skb program returns 0 (drop) or 1 (pass). */
SEC("cgroup_skb/ingress")
__failure __msg("At program exit the register R0 has")
__msg("error[V0009]: return value outside the range this program type allows")
__msg("--> bpf_lift_diag.c:210:")
__msg("^ At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]")
__msg("= help: return one of the values in the range shown, on every path")
int v0009_return_range(struct __sk_buff *skb)
{
	return 2;
}

/* V0010: a context field picked at run time. */
SEC("socket")
__failure __msg("variable ctx access var_off=")
__msg("error[V0010]: access at a variable offset where a constant one is required")
__msg("--> bpf_lift_diag.c:223:")
__msg("= help: access fields by name (`ctx->field`) so that the offset is a constant")
int v0010_variable_offset(struct __sk_buff *skb)
{
	__u32 off = (skb->len & 1) * 4;

	return *(__u32 *)((char *)skb + off);
}

/* V0011: the Ethernet header read before data_end is checked. */
SEC("tc")
__failure __msg("invalid access to packet, off=12 size=1")
__msg("error[V0011]: packet access not proven to be within the packet")
__msg("--> bpf_lift_diag.c:236:")
__msg("= help: compare with data_end first: `if ((void *)(eth + 1) > data_end) return 0;`")
int v0011_packet_bounds(struct __sk_buff *skb)
{
	struct ethhdr *eth = (void *)(long)skb->data;

	return eth->h_proto == bpf_htons(ETH_P_IP);
}

/* V0012: a map value's own address stored into the map. */
SEC("socket")
__success __failure_unpriv __msg_unpriv("R0 leaks addr into map")
__msg_unpriv("error[V0012]: kernel address leaked by an unprivileged program")
__msg_unpriv("--> insn 8")
__msg_unpriv("= help: store, pass and return only integers; "
	     "pointers may leave only with CAP_PERFMON")
int v0012_leaks_addr(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *val;

	val = bpf_map_lookup_elem(&diag_array, &key);
	if (val)
		*val = (__u64)val;
	return 0;
}

/* V0013: a signed index checked from above only: it may be -32768. */
SEC("socket")
__failure __msg("min value is negative, either use unsigned index or do a if (index >=0) check.")
__msg("error[V0013]: index or size that may be negative")
__msg("--> bpf_lift_diag.c:272:")
__msg("= help: use an unsigned type or check `if (i < 0) return 0;` before the access")
int v0013_negative_index(struct __sk_buff *skb)
{
	short i = skb->mark;
	struct diag_val *val;
	__u32 key = 0;

	val = bpf_map_lookup_elem(&diag_vals, &key);
	if (!val || i >= 16)
		return 0;
	return val->buf[i];
}

/* V0014: a field read through a context pointer that was moved. */
SEC("socket")
__failure __msg("dereference of modified ctx ptr")
__msg("error[V0014]: pointer dereferenced after it was moved off its object's start")
__msg("--> bpf_lift_diag.c:286:")
__msg("= help: read fields through the unmoved pointer, e.g. `ctx->len`, not `*(u32 *)(ctx + off)`")
int v0014_modified_ptr(struct __sk_buff *skb)
{
	void *mark = (char *)skb + offsetof(struct __sk_buff, mark);

	barrier_var(mark);
	return *(__u32 *)mark;
}

/* V0015: the socket found is never released. */
SEC("tc")
__failure __msg("Unreleased reference id=")
__msg("error[V0015]: reference not released on every path")
__msg("--> bpf_lift_diag.c:304:")
__msg("= help: release what was acquired (e.g. bpf_sk_release()) before every return")
int v0015_unreleased_ref(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;

	sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return 0;
	return sk->mark == 1;
}

/* V0016: two map value pointers compared with each other. */
SEC("socket")
__success
__failure_unpriv __msg_unpriv("pointer comparison prohibited")
__msg_unpriv("error[V0016]: pointer comparison in an unprivileged program")
__msg_unpriv("--> insn 17")
__msg_unpriv("= help: compare pointers only with NULL, or load the program with CAP_PERFMON")
int v0016_ptr_compare(struct __sk_buff *skb)
{
	__u32 key0 = 0, key1 = 1;
	__u64 *a, *b;

	a = bpf_map_lookup_elem(&diag_array, &key0);
	b = bpf_map_lookup_elem(&diag_array, &key1);
	if (!a || !b)
		return 0;
	return a == b;
}

/* V0017: the index may reach 31 in a 16-byte array on the stack. */
SEC("socket")
__failure __msg("invalid variable-offset write to stack")
__msg("error[V0017]: stack access outside the frame")
__msg("--> bpf_lift_diag.c:336:")
__msg("= help: keep local variables within the frame; check the offset and size of the access")
int v0017_stack_bounds(struct __sk_buff *skb)
{
	char buf[16] = {};
	__u32 i = skb->len & 31;

	buf[i] = 1;
	return buf[0];
}

/* V0018: a pointer past the end of a stack array. */
SEC("socket")
__success
__failure_unpriv __msg_unpriv("stack pointer arithmetic goes out of range, prohibited for !root")
__msg_unpriv("error[V0018]: stack pointer moved out of the frame by an unprivileged program")
__msg_unpriv("--> insn 1")
__msg_unpriv("= help: index stack arrays with a bounded constant offset, or load with CAP_PERFMON")
int v0018_stack_ptr_range(struct __sk_buff *skb)
{
	char buf[16];
	char *past = buf + 24;

	barrier_var(past);
	return 0;
}

/* V0019: division by the constant zero, which C compilers fold away. */
SEC("socket")
__failure __msg("div by zero")
__msg("error[V0019]: division or modulo by the constant zero")
__msg("--> bpf_lift_diag.c:364:")
__msg("= help: divide by a non-zero constant, or by a register (x / 0 is then 0, x % 0 is x)")
__naked void v0019_div_by_zero(void)
{
	asm volatile ("					\
	r0 = *(u32 *)(r1 + %[len]);			\
	r0 /= 0;					\
	exit;						\
"	:
	: __imm_const(len, offsetof(struct __sk_buff, len))
	: __clobber_all);
}

/* V0020: an offset read from the map, of any sign and size. */
SEC("socket")
__msg("math between map_value pointer and register with unbounded min value is not allowed")
__failure __msg("error[V0020]: pointer moved by a value with no lower bound")
__msg("--> bpf_lift_diag.c:388:")
__msg("= help: bound the offset from below, e.g. `if (off < 0) return 0;`, or make it unsigned")
int v0020_unbounded_min(struct __sk_buff *skb)
{
	__u32 key = 0;
	__s64 *val;
	char *p;

	val = bpf_map_lookup_elem(&diag_array, &key);
	if (!val)
		return 0;
	p = (char *)val + *val;
	return *p;
}

/* V0021: a context pointer moved by a register. */
SEC("socket")
__success
__failure_unpriv __msg_unpriv("has pointer with unsupported alu operation")
__msg_unpriv("error[V0021]: pointer arithmetic that an unprivileged program may not do")
__msg_unpriv("--> insn 2")
__msg_unpriv("= help: add only constants or bounded scalars to pointers, or load with CAP_PERFMON")
int v0021_ptr_alu(struct __sk_buff *skb)
{
	char *p = (char *)skb + (skb->len & 4);

	barrier_var(p);
	return 0;
}

/* V0022: the second half of ld_imm64 has a source register. */
SEC("socket")
__failure __msg("invalid bpf_ld_imm64 insn")
__msg("error[V0022]: malformed 64-bit immediate load")
__msg("--> bpf_lift_diag.c:415:")
__msg("= help: emit ld_imm64 as two instructions with the second one's code, regs and off zero")
__naked void v0022_bad_ld_imm64(void)
{
	asm volatile ("					\
	.8byte %[ld_lo];				\
	.8byte %[ld_hi];				\
	exit;						\
"	:
	: __imm_insn(ld_lo, BPF_RAW_INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_0, 0, 0, 1)),
	  __imm_insn(ld_hi, BPF_RAW_INSN(0, 0, BPF_REG_1, 0, 0))
	: __clobber_all);
}

static __noinline int diag_callee(int x)
{
	return x + 1;
}

/* V0023: a call to another BPF function. */
SEC("socket")
__success __failure_unpriv __msg_unpriv("loading/calling other bpf or kernel functions "
					"are allowed for CAP_BPF and CAP_SYS_ADMIN")
__msg_unpriv("error[V0023]: call to another BPF or kernel function without CAP_BPF")
__msg_unpriv("--> insn 1")
__msg_unpriv("= help: inline the function (static __always_inline) "
	     "or load the program with CAP_BPF")
int v0023_calls_need_cap(struct __sk_buff *skb)
{
	return diag_callee(skb->len);
}

/* V0024: half of the value passed to the helper was never written. */
SEC("socket")
__success __failure_unpriv __msg_unpriv("invalid read from stack R3 off")
__msg_unpriv("error[V0024]: read of stack memory that was never written")
__msg_unpriv("--> insn 11")
__msg_unpriv("= help: initialize the local variable before the read, e.g. `char buf[16] = {};`")
int v0024_uninit_stack(struct __sk_buff *skb)
{
	struct {
		__u32 lo;
		__u32 hi;
	} pair;
	__u32 key = 0;

	pair.lo = skb->len;
	bpf_map_update_elem(&diag_array, &key, &pair, BPF_ANY);
	return 0;
}

/* V0025: tc programs may not change a sockmap. */
SEC("tc")
__failure __msg("cannot update sockmap in this context")
__msg("error[V0025]: sockmap or sockhash update from a program type that may not do it")
__msg("--> bpf_lift_diag.c:472:")
__msg("= help: use bpf_sock_map_update() in sockops, or update from an iterator or sk_lookup")
int v0025_sockmap_update(struct __sk_buff *skb)
{
	__u32 key = 0;

	bpf_map_delete_elem(&diag_sockmap, &key);
	return 0;
}

/* V0026: an index with no upper bound. */
SEC("socket")
__failure __msg("unbounded memory access, make sure to bounds check any such access")
__msg("error[V0026]: memory access at an offset with no upper bound")
__msg("--> bpf_lift_diag.c:491:")
__msg("= help: bound the offset from above first, e.g. `if (i >= N) return 0;`")
int v0026_unbounded_mem(struct __sk_buff *skb)
{
	__u32 i = skb->len;
	struct diag_val *val;
	__u32 key = 0;

	val = bpf_map_lookup_elem(&diag_vals, &key);
	if (!val)
		return 0;
	return val->buf[i];
}

/* V0027: r12 does not exist. */
SEC("socket")
__failure __msg("R12 is invalid")
__msg("error[V0027]: instruction names a register that does not exist")
__msg("--> bpf_lift_diag.c:502:")
__msg("= help: use r0..r10 (r10 is read-only); this is an encoding error, not a C error")
__naked void v0027_invalid_reg(void)
{
	asm volatile ("					\
	.8byte %[mov_r12];				\
	exit;						\
"	:
	: __imm_insn(mov_r12, BPF_RAW_INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_0, 12, 0, 0))
	: __clobber_all);
}

/* V0028: a const global is in the frozen .rodata map. */
SEC("socket")
__failure __msg("write into map forbidden")
__msg("error[V0028]: write into a read-only map")
__msg("--> bpf_lift_diag.c:518:")
__msg("= help: write only to writable maps; const globals and BPF_F_RDONLY_PROG maps are not")
int v0028_readonly_map(struct __sk_buff *skb)
{
	*(volatile __u32 *)&diag_limit = skb->len;
	return 0;
}

/* V0029: a length computed as the scalar minus the pointer. */
SEC("tc")
__failure __msg("tried to subtract pointer from scalar")
__msg("error[V0029]: pointer subtracted from a scalar")
__msg("--> bpf_lift_diag.c:530:")
__msg("= help: subtract the scalar from the pointer (ptr - n), or two pointers of one kind")
int v0029_ptr_sub(struct __sk_buff *skb)
{
	long left = (long)skb->len - (long)skb->data;

	barrier_var(left);
	return 0;
}

/* V0030: exit has a non-zero immediate. */
SEC("socket")
__failure __msg("BPF_EXIT uses reserved fields")
__msg("error[V0030]: instruction with reserved fields set")
__msg("--> bpf_lift_diag.c:544:")
__msg("= help: clear the instruction's unused fields; compilers never set them")
__naked void v0030_reserved_fields(void)
{
	asm volatile ("					\
	r0 = 0;						\
	.8byte %[exit_imm];				\
"	:
	: __imm_insn(exit_imm, BPF_RAW_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 1))
	: __clobber_all);
}

/* V0031: a pointer past the end of a 16-byte map value. */
SEC("socket")
__success
__failure_unpriv
__msg_unpriv("pointer arithmetic of map value goes out of range, prohibited for !root")
__msg_unpriv("error[V0031]: map value pointer moved out of the value by an unprivileged program")
__msg_unpriv("--> insn 8")
__msg_unpriv("= help: check the index against the value size before adding it, "
	     "or load with CAP_PERFMON")
int v0031_map_ptr_range(struct __sk_buff *skb)
{
	struct diag_val *val;
	__u32 key = 0;
	char *past;

	val = bpf_map_lookup_elem(&diag_vals, &key);
	if (!val)
		return 0;
	past = val->buf + 32;
	barrier_var(past);
	return 0;
}

char _license[] SEC("license") = "GPL";

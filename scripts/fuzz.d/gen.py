# SPDX-License-Identifier: GPL-2.0
"""The program generator of scripts/fuzz.

gen_program(seed, index) builds one program from random.Random(f'{seed}:{index}'),
so a program is reproducible from its seed and number alone. It aims at what
bpf-lift changed: loops of random shape (counted up or down, <, <=, != and
signed bounds, 32- and 64-bit, tested at the top or the bottom, breaks and
continues, steps of 1..4, bounds from constants, read-only and writable
globals, map lookups, packets, the context and arguments, nesting up to 3,
counters in registers or stack slots, indexes that walk a map value, a stack
buffer or a packet, may_goto), bpf2bpf calls and chains of up to 35 frames,
callx through registers, spilled pointers and tables of BTF FUNC tags in the
read-only and the writable global, large frames with fixed and variable
offsets, bpf_loop() callbacks, far jumps, LD_ABS/LD_IND, and then, in about
one program in four, one deliberate fault (an off-by-one bound, an
uninitialized read, an access out of its frame, a chain one frame too deep,
...).

Valid programs are deterministic by construction: every byte they read was
written or comes from the inputs, they leak no pointer, every loop ends after
a small number of iterations on every input (the inputs are generated with
the program: a bound read from a global or a packet has a known maximum), so
no budget or entry check of bpf-lift may trip. That is what lets the oracles
compare exact results.

Conventions in generated code: r7 is each function's accumulator (its return
value), r6 holds the context in the main function and the ctx pointer in a
bpf_loop callback, r6/r8/r9 are loop counters and bounds, r0-r5 are
temporaries within one statement, fp-8 is a scratch slot, fp-16..fp-64 hold
spilled counters and bounds, and a function's buffer lies below fp-64.
"""

import random
import struct

from bpfasm import *   # noqa: F401,F403

BOUND_AREA = 64          # 16 u32 small values at the start of each input area
TAB_OFF = 64             # a table of 8 function tags in data and rodata
SCRATCH = 128            # data map scratch starts here
FIX = 64                 # fixed slots of a frame: fp-8 .. fp-64
CB_IDX = -16             # a bpf_loop callback keeps its index here
MULT_LIMIT = 3000        # iterations a program may run, roughly
FRAME_MAX = 131072       # MAX_BPF_FRAME_STACK

# ctx offsets of data and data_end
CTX_DATA = {SCHED_CLS: (76, 80), XDP: (0, 4)}


class FnCtx:
    """Generation state of one function."""

    def __init__(self, func, depth, mult, arg_max=()):
        self.f = func
        self.depth = depth              # frames from main (main is 1)
        self.mult = mult                # iterations around each run of it
        self.main = func.kind == 'main'
        self.cb = func.kind == 'cb'
        self.pool = [8, 9] if (self.main or self.cb) else [6, 8, 9]
        self.slots = [-16, -24, -32, -40, -48, -56, -64]
        self.buf = 0                    # buffer bytes below fp-64
        self.buf_init_at = None
        self.arg_max = list(arg_max)
        self.loop_depth = 0
        self.nest = 0                   # conditionals around the statement
        self.light = 0                  # in a loop that may not end: no calls, no loops
        self.ret = None                 # label of the epilogue
        self.stmts = 0
        self.in_callx_target = func.kind == 'cand'


class Gen:
    def __init__(self, seed, index, opts=None):
        opts = opts or {}
        self.r = random.Random(f'bpf-lift-fuzz:{seed}:{index}')
        r = self.r
        p = self.p = Prog()
        p.seed, p.index = seed, index
        self.nlabel = 0
        self.nfunc = 0
        self.ctx = None
        p.ptype = r.choices([SOCKET_FILTER, SCHED_CLS, XDP, SYSCALL], [2, 3, 3, 2])[0]
        self.mode = 'bpf' if r.random() < 0.25 else 'root'
        p.data_size = r.choice([192, 256, 256, 512, 1024, 4096])
        self.rodata_vals = [r.choice([0, 1, 2, 3, 5, 7, 8, 16, 31, 64, 100, 255, 1000])
                            for _ in range(16)]
        self.max = {'data': [None] * 16, 'pkt': [None] * 16}
        self.data_tags = None           # the writable function table, if used
        self.rodata_tags = None
        self.w0 = True                  # the path walk can verify it cheaply
        self.may_trip = False
        self.mutation = None
        self.mut_budget = 1 if r.random() < opts.get('invalid', 0.25) else 0
        self.cands = []                 # callx candidate functions
        self.callx_nargs = r.randint(1, 4)
        self.far_done = False
        self.harden = None              # force blinding on (True) or off (False)
        self.chain_done = False
        self.funcs_extra = []
        self.has_callx = False
        self.ldabs_ok = p.ptype in (SOCKET_FILTER, SCHED_CLS)

    # ---- plumbing ----

    def lab(self, what='L'):
        self.nlabel += 1
        return f'{what}{self.nlabel}'

    def e(self, *insns):
        self.ctx.f.body.extend(insns)

    def label(self, name):
        self.ctx.f.body.append(Label(name))

    def mutate(self, kind):
        """True (once per program, in the programs chosen for it) to place a fault."""
        if self.mut_budget and self.r.random() < 0.3:
            if kind in ('uninit_stack', 'ptr_leak') and self.mode != 'bpf':
                return False
            self.mut_budget = 0
            self.mutation = kind
            return True
        return False

    def new_func(self, kind, nargs, depth, mult, arg_max=(), linkage=None):
        self.nfunc += 1
        if linkage is None:
            linkage = 'global' if (kind in ('sub', 'cand') and self.r.random() < 0.25) else 'static'
        name = {'sub': 'f', 'cand': 'h', 'cb': 'cb', 'chain': 'c'}[kind] + str(self.nfunc)
        f = Func(name, nargs, linkage, 'sub' if kind == 'chain' else kind)
        self.p.funcs.append(f)
        return FnCtx(f, depth, mult, arg_max)

    # ---- values ----

    def small(self, hi):
        r = self.r
        return r.choice([0, 1, hi, r.randint(0, hi), r.randint(0, hi)])

    def rand_imm(self):
        r = self.r
        return r.choice([r.randint(-16, 16), r.randint(-2**31, 2**31 - 1), r.randint(0, 255),
                         0x7fffffff, -0x80000000, 1 << r.randint(0, 30)])

    def slot_for(self, area, hi):
        """A bound slot of an input area whose values stay within [0, hi]."""
        m = self.max[area]
        free = [j for j in range(16) if m[j] is None]
        fits = [j for j in range(16) if m[j] is not None and m[j] <= hi]
        if fits and (not free or self.r.random() < 0.3):
            return self.r.choice(fits)
        if not free:
            return None
        j = self.r.choice(free)
        m[j] = self.small(hi) if self.r.random() < 0.5 else hi
        return j

    def load_value(self, d, hi=None):
        """Emit code that loads a scalar into register d. hi: the value must
        stay in [0, hi] at run time. Returns (runtime max or None, verifier's
        max or None, kind)."""
        r, c, p = self.r, self.ctx, self.p
        kinds = ['imm', 'rodata', 'data', 'data', 'lookup', 'acc']
        if c.main and p.ptype in CTX_DATA:
            kinds += ['pkt', 'pkt']
        if c.main and p.ptype == SYSCALL:
            kinds += ['ctx', 'ctx']
        if c.main and p.ptype in (SOCKET_FILTER, SCHED_CLS):
            kinds += ['skblen']
            if self.ldabs_ok:
                kinds += ['ldabs']
        if c.arg_max:
            kinds += ['arg', 'arg']
        if c.cb:
            kinds += ['cbidx']
        k = r.choice(kinds)
        mask = None
        if hi is not None and r.random() < 0.4:
            mask = (1 << max(0, min(hi.bit_length() - 1, r.randint(0, 8)))) - 1
        if k == 'imm':
            v = self.small(hi) if hi is not None else self.rand_imm()
            self.e(mov(d, imm=v))
            return (v & 0xffffffffffffffff, v & 0xffffffffffffffff, 'imm') if v >= 0 else \
                (None, None, 'imm')
        if k == 'rodata':
            js = [j for j in range(16) if hi is None or self.rodata_vals[j] <= hi]
            if not js:
                return self.load_imm_bound(d, hi)
            j = r.choice(js)
            self.e(ld_map_value(d, 'rodata', 4 * j), ldx(W, d, d, 0))
            return self.rodata_vals[j], self.rodata_vals[j], 'rodata'
        if k in ('data', 'lookup', 'pkt', 'ctx', 'ldabs'):
            area = 'data' if k in ('data', 'lookup') else 'pkt'
            j = self.slot_for(area, hi if (hi is not None and mask is None) else 4096)
            if j is None:
                return self.load_imm_bound(d, hi)
            vmax = self.max[area][j]
            size = r.choice([W, W, H, B]) if vmax < 256 else r.choice([W, H]) if vmax < 65536 else W
            off = 4 * j
            if k == 'data':
                if r.random() < 0.5:
                    self.e(ld_map_value(d, 'data', off), ldx(size, d, d, 0))
                else:
                    self.e(ld_map_value(d, 'data', 0), ldx(size, d, d, off))
            elif k == 'lookup':
                self.lookup_key(0)
                skip = self.lab()
                tmp = d if d not in (0,) else 1
                self.e(mov(tmp, imm=0))
                self.e(jmp(JEQ, 0, skip, imm=0))
                self.e(ldx(size, tmp, 0, off))
                self.label(skip)
                if tmp != d:
                    self.e(mov(d, tmp))
            elif k == 'ctx':
                self.e(ldx(size, d, 6, off))
            elif k == 'ldabs':
                base = 0
                if size != B:
                    size = B
                self.e(ld_abs(B, base + off))
                if d != 0:
                    self.e(mov(d, 0))
            else:
                self.pkt_load(d, size, off)
            v = vmax
        elif k == 'skblen':
            self.e(ldx(W, d, 6, 0))
            v = 1500
            if hi is not None and mask is None:
                mask = (1 << max(0, min(hi.bit_length() - 1, 10))) - 1
        elif k == 'arg':
            j = r.randrange(len(c.arg_max))
            slots = getattr(c, 'arg_slots', [])
            slot = slots[j] if j < len(slots) else None
            if slot is None:
                self.e(mov(d, 7))
                v = None
                if hi is not None and mask is None:
                    mask = (1 << max(0, min(hi.bit_length() - 1, 6))) - 1
            else:
                self.e(ldx(DW, d, 10, slot))
                v = c.arg_max[j]
        elif k == 'cbidx':
            self.e(ldx(DW, d, 10, CB_IDX))
            v = c.cb_max
        else:                            # the accumulator: unknown
            self.e(mov(d, 7))
            v = None
            if hi is not None and mask is None:
                mask = (1 << max(0, min(hi.bit_length() - 1, 6))) - 1
        vv = None
        if mask is not None:
            self.e(alu(AND, d, imm=mask))
            v = mask if v is None else min(v, mask)
            vv = mask
        if hi is not None and (v is None or v > hi):
            # keep the promise: mask to the bound
            m = (1 << max(0, hi.bit_length() - 1)) - 1
            self.e(alu(AND, d, imm=m))
            v, vv = m, m
        return v, vv, k

    def load_imm_bound(self, d, hi):
        v = self.small(hi) if hi is not None else self.r.randint(0, 100)
        self.e(mov(d, imm=v))
        return v, v, 'imm'

    def lookup_key(self, key):
        """r0 = bpf_map_lookup_elem(&data, &key); may be NULL."""
        self.e(st(W, 10, -8, key), mov(2, 10), alu(ADD, 2, imm=-8), ld_map(1, 'data'),
               call_helper(H_MAP_LOOKUP))

    def pkt_load(self, d, size, off, bad=False):
        """d = *(size *)(data + off), or 0 when the packet is shorter."""
        doff, eoff = CTX_DATA[self.p.ptype]
        skip = self.lab()
        n = SIZE_BYTES[size]
        tmpd = d if d not in (1, 2, 3) else 4
        self.e(ldx(W, 1, 6, doff), ldx(W, 2, 6, eoff), mov(tmpd, imm=0), mov(3, 1),
               alu(ADD, 3, imm=off + n - (1 if bad else 0)), jmp(JGT, 3, skip, src=2),
               ldx(size, tmpd, 1, off))
        self.label(skip)
        if tmpd != d:
            self.e(mov(d, tmpd))

    # ---- statements ----

    def block(self, n):
        for _ in range(n):
            self.stmt()

    def stmt(self):
        r, c, p = self.r, self.ctx, self.p
        c.stmts += 1
        w = {'alu': 3, 'load': 3, 'store': 2, 'atomic': 1, 'cond': 2, 'bigframe': 1}
        allowed = MULT_LIMIT // max(1, c.mult)
        if c.loop_depth < 3 and allowed >= 2:
            w['loop'] = 5
        if not c.in_callx_target and c.depth < 30 and c.mult < MULT_LIMIT:
            w['call'] = 1.5
            w['callx'] = 1.2
            if c.depth < 8 and allowed >= 2:
                w['bpf_loop'] = 1
        if c.main and not self.chain_done:
            w['chain'] = 0.6
        if c.main and not self.far_done and c.loop_depth == 0 and c.nest == 0:
            w['far'] = 0.02
        if c.main and p.ptype in (SOCKET_FILTER, SCHED_CLS):
            w['skb_bytes'] = 0.5
            if self.ldabs_ok:
                w['ldabs'] = 0.7
        if not c.cb:
            w['early_ret'] = 0.5
        w['buffer'] = 1.5
        if c.loop_depth < 2 and allowed >= 2:
            w['may_goto'] = 0.4
        if c.light:
            w = {k: v for k, v in w.items() if k in ('alu', 'load', 'store', 'atomic', 'cond')}
        k = r.choices(list(w), list(w.values()))[0]
        getattr(self, 's_' + k)()

    def mix(self, src=None, imm=None):
        """r7 op= src / imm, keeping r7 a scalar."""
        r = self.r
        is64 = r.random() < 0.75
        ops = [ADD, SUB, XOR, OR, MUL, ADD, XOR]
        op = r.choice(ops)
        if src is not None:
            self.e(alu(op, 7, src, is64=is64))
        else:
            self.e(alu(op, 7, imm=imm if imm is not None else self.rand_imm(), is64=is64))

    def s_alu(self):
        r = self.r
        for _ in range(r.randint(1, 4)):
            k = r.randint(0, 11)
            is64 = r.random() < 0.7
            if k <= 3:
                self.mix(imm=self.rand_imm())
            elif k == 4:
                self.e(alu(r.choice([LSH, RSH, ARSH]), 7, imm=r.randint(0, 63 if is64 else 31),
                           is64=is64))
            elif k == 5:
                self.e(mov(1, 7), alu(AND, 1, imm=r.randint(0, 63)),
                       alu(r.choice([LSH, RSH, ARSH]), 7, 1, is64=is64))
            elif k == 6:
                # division and modulo by a register that may be 0
                self.e(mov(1, 7), alu(r.choice([AND, RSH]), 1, imm=r.randint(0, 15)))
                self.e(alu(r.choice([DIV, MOD]), 7, 1, is64=is64, off=r.choice([0, 0, 1])))
            elif k == 7:
                d = r.randint(1, 0x7fffffff) * r.choice([1, -1])
                self.e(alu(r.choice([DIV, MOD]), 7, imm=d, is64=is64, off=r.choice([0, 1])))
            elif k == 8:
                self.e(alu(NEG, 7, is64=is64))
            elif k == 9:
                bits = r.choice([16, 32, 64])
                if r.random() < 0.5:
                    self.e(Insn(ALU64 | END, 7, 0, 0, bits))                  # bswap
                else:
                    self.e(Insn(ALU | END | r.choice([K, X]), 7, 0, 0, bits))  # le/be
            elif k == 10:
                self.e(Insn(ALU64 | MOV | X, 1, 7, r.choice([8, 16, 32]), 0),
                       alu(ADD, 7, 1))                                        # movsx
            else:
                self.e(alu(MUL, 7, imm=r.choice([0x9e3779b1 - 2**32, 31, 0x45d9f3b, -3])))

    def s_load(self):
        d = self.r.choice([1, 2, 3, 4, 5])
        self.load_value(d)
        self.mix(src=d)

    def scratch_ptr(self, d, size, bad=False):
        """d = a pointer into the data map's scratch, aligned to size; returns
        the offset from the value's start."""
        r, V = self.r, self.p.data_size
        n = SIZE_BYTES[size]
        off = SCRATCH + n * r.randrange((V - SCRATCH) // n)
        if bad:
            off = V - n + r.choice([1, n])
        if r.random() < 0.5:
            self.e(ld_map_value(d, 'data', off))
            return 0
        self.e(ld_map_value(d, 'data', 0))
        return off

    def s_store(self):
        r, p, c = self.r, self.p, self.ctx
        k = r.choice(['map', 'map', 'stack', 'pkt', 'ctx', 'imm'])
        size = r.choice([B, H, W, DW, DW])
        if k == 'pkt' and c.main and p.ptype in CTX_DATA:
            doff, eoff = CTX_DATA[p.ptype]
            off = r.randint(BOUND_AREA, 1400)
            n = SIZE_BYTES[size]
            skip = self.lab()
            bad = self.mutate('pkt_unchecked')
            self.e(ldx(W, 1, 6, doff), ldx(W, 2, 6, eoff), mov(3, 1),
                   alu(ADD, 3, imm=off + n - (1 if bad else 0)), jmp(JGT, 3, skip, src=2),
                   stx(size, 1, off, 7))
            self.label(skip)
            return
        if k == 'ctx' and c.main and p.ptype == SYSCALL:
            off = r.randrange(BOUND_AREA, 128, SIZE_BYTES[size])
            self.e(stx(size, 6, off, 7))
            return
        if k == 'ctx' and c.main and self.mutate('ctx_write'):
            self.e(stx(W, 6, 0, 7))
            return
        if k == 'stack' and c.buf:
            self.buf_access(store=True)
            return
        if self.mutate('rodata_write'):
            self.e(ld_map_value(1, 'rodata', 0), stx(W, 1, 0, 7))
            return
        if self.mutate('ptr_leak'):
            self.e(ld_map_value(1, 'data', SCRATCH), stx(DW, 1, 0, 10))
            return
        bad = self.mutate('oob_map')
        base = self.scratch_ptr(1, size, bad)
        if k == 'imm':
            self.e(st(size, 1, base, self.rand_imm()))
        else:
            self.e(stx(size, 1, base, 7))

    def s_atomic(self):
        r = self.r
        size = r.choice([W, DW])
        base = self.scratch_ptr(1, size)
        op = r.choice([ADD, OR, AND, XOR, ADD | FETCH, XOR | FETCH, XCHG, CMPXCHG])
        if op == CMPXCHG:
            self.e(ldx(size, 0, 1, base), mov(2, 7), atomic(size, 1, base, 2, op))
            self.mix(src=0)
        else:
            self.e(mov(2, 7), alu(ADD, 2, imm=r.randint(1, 99)), atomic(size, 1, base, 2, op))
            if op & FETCH:
                self.mix(src=2)

    def s_cond(self):
        r = self.r
        els, end = self.lab(), self.lab()
        op = r.choice(list(JMP_SYM))
        if r.random() < 0.5:
            self.e(jmp(op, 7, els, imm=self.rand_imm(), is32=r.random() < 0.3))
        else:
            self.load_value(1)
            self.e(jmp(op, 7, els, src=1, is32=r.random() < 0.3))
        self.ctx.nest += 1
        self.block(r.randint(1, 2))
        self.e(ja(end, far=r.random() < 0.1))
        self.label(els)
        self.block(r.randint(0, 2))
        self.ctx.nest -= 1
        self.label(end)

    def s_early_ret(self):
        c = self.ctx
        if c.ret is None:
            c.ret = self.lab('ret')
        self.e(mov(1, 7), alu(AND, 1, imm=self.r.choice([7, 15, 255])))
        if c.main or self.r.random() < 0.5:
            # through a gotol: a far jump may come between here and the end
            skip = self.lab()
            self.e(jmp(JNE, 1, skip, imm=self.r.randint(0, 7)), ja(c.ret, far=True))
            self.label(skip)
        else:
            self.e(jmp(JEQ, 1, c.ret, imm=self.r.randint(0, 7)))

    # ---- stack ----

    def ensure_buf(self):
        c, r = self.ctx, self.r
        if c.buf:
            return c.buf
        if self.mode == 'bpf' or c.depth > 12:
            sizes, wts = [64, 128, 256], [3, 2, 1]
        else:
            sizes, wts = [64, 128, 256, 512, 1024, 4096, 16384, 65536], \
                [3, 3, 3, 2, 2, 1.5, 0.7, 0.3]
        # filling the buffer costs a store per slot at each call of the function
        cap = max(64, 8 * (40000 // max(1, c.mult)))
        sizes = [x for x in sizes if x <= cap]
        c.buf = r.choices(sizes, wts[:len(sizes)])[0]
        return c.buf

    def buf_base(self, d):
        self.e(mov(d, 10), alu(ADD, d, imm=-(FIX + self.ctx.buf)))

    def buf_access(self, store=False, idx_reg=None, idx_max=None):
        """A read or write of the buffer at a constant or masked index."""
        r, c = self.r, self.ctx
        nslot = c.buf // 8
        if idx_reg is None and (r.random() < 0.4 or self.mode == 'bpf'):
            k = r.randrange(nslot)
            off = -(FIX + c.buf) + 8 * k
            if off >= -32768 and r.random() < 0.7:
                if store:
                    self.e(stx(DW, 10, off, 7))
                else:
                    self.e(ldx(DW, 1, 10, off))
                    self.mix(src=1)
                return
            self.e(mov(1, 10), alu(ADD, 1, imm=off))
        else:
            self.buf_base(1)
            if idx_reg is None:
                self.e(mov(2, 7))
                idx_max = None
            else:
                self.e(mov(2, idx_reg))
            if idx_max is None or idx_max >= nslot or r.random() < 0.5:
                self.e(alu(AND, 2, imm=nslot - 1))
            self.e(alu(LSH, 2, imm=3), alu(ADD, 1, 2))
        if store:
            self.e(stx(DW, 1, 0, 7))
        else:
            self.e(ldx(DW, 2, 1, 0))
            self.mix(src=2)

    def s_buffer(self):
        self.ensure_buf()
        self.buf_access(store=self.r.random() < 0.4)

    def s_bigframe(self):
        """Touch a frame at a random offset, fixed or variable, and read it back."""
        r, c = self.r, self.ctx
        if self.mode == 'bpf' or c.depth > 12:
            hi = 480
        else:
            hi = r.choice([480, 480, 4000, 32000, FRAME_MAX - 8])
        below = FIX + c.buf
        if below + 16 > hi:
            return
        off = r.randrange(below + 8, hi + 1, 8)
        if self.mutate('big_frame'):
            off = FRAME_MAX + 8
        elif self.mutate('oob_stack'):
            off = -8
        var = self.mode == 'root' and r.random() < 0.4 and off + 64 <= hi
        if not var and off <= 32768 and r.random() < 0.5:
            self.e(stx(DW, 10, -off, 7), mov(1, 7), alu(MUL, 1, imm=3), ldx(DW, 2, 10, -off))
            self.mix(src=2)
            return
        self.e(mov(1, 10), alu(ADD, 1, imm=-off - (56 if var else 0)))
        if var:
            self.e(mov(2, 7), alu(AND, 2, imm=0x38), alu(ADD, 1, 2))
        self.e(stx(DW, 1, 0, 7), ldx(DW, 2, 1, 0), alu(ADD, 2, imm=1))
        self.mix(src=2)

    def init_buf(self, fctx):
        """Code that writes every byte of fctx's buffer, for the prologue."""
        out = []
        nslot = fctx.buf // 8
        if fctx.buf <= 256 or self.mode == 'bpf':
            for k in range(nslot):
                out.append(st(DW, 10, -(FIX + fctx.buf) + 8 * k, k * 0x1001 + 7))
            return out
        loop = f'binit{fctx.f.name}'
        if self.r.random() < 0.5 or fctx.buf > 4096:
            # an index loop: widening joins the stack at its head
            out += [mov(1, imm=0), Label(loop), mov(2, 10), alu(ADD, 2, imm=-(FIX + fctx.buf)),
                    mov(3, 1), alu(LSH, 3, imm=3), alu(ADD, 2, 3), stx(DW, 2, 0, 1),
                    alu(ADD, 1, imm=1), jmp(JLT, 1, loop, imm=nslot)]
        else:
            # a pointer that walks the buffer, bounded by a counter
            out += [mov(1, imm=0), mov(2, 10), alu(ADD, 2, imm=-(FIX + fctx.buf)), Label(loop),
                    stx(DW, 2, 0, 1), alu(ADD, 2, imm=8), alu(ADD, 1, imm=1),
                    jmp(JLT, 1, loop, imm=nslot)]
            if nslot > 2048:
                self.w0 = False
        return out

    # ---- loops ----

    def alloc_counter(self):
        c = self.ctx
        if c.pool and self.r.random() < 0.75:
            return ('reg', c.pool.pop(0))
        if c.slots:
            return ('slot', c.slots.pop(0))
        if c.pool:
            return ('reg', c.pool.pop(0))
        return None

    def free_loc(self, loc):
        if loc is None:
            return
        if loc[0] == 'reg':
            self.ctx.pool.insert(0, loc[1])
        elif loc[0] == 'slot':
            self.ctx.slots.insert(0, loc[1])

    def s_loop(self):
        r, c = self.r, self.ctx
        allowed = max(1, MULT_LIMIT // max(1, c.mult))
        hi = min(allowed, r.choice([3, 8, 16, 40, 100, 300]))
        ctr = self.alloc_counter()
        if ctr is None:
            return self.s_alu()
        shape = r.choice(['up', 'up', 'up', 'down', 'ptr'])
        is32 = r.random() < 0.25
        step = 1 if r.random() < 0.7 else r.randint(2, 4)
        top = r.random() < 0.65
        c.loop_depth += 1
        self.p.shapes.append(f'loop-{shape}')
        try:
            if shape == 'ptr':
                self.loop_ptr(ctr, hi)
            else:
                self.loop_counted(ctr, hi, shape, is32, step, top)
        finally:
            c.loop_depth -= 1
            self.free_loc(ctr)

    def ctr_set(self, ctr, imm=None, src=None, is32=False):
        if ctr[0] == 'reg':
            self.e(mov(ctr[1], src, imm, is64=not is32))
        else:
            if src is None:
                self.e(mov(1, imm=imm, is64=not is32))
                src = 1
            self.e(stx(DW, 10, ctr[1], src))

    def ctr_reg(self, ctr, tmp=1):
        if ctr[0] == 'reg':
            return ctr[1]
        self.e(ldx(DW, tmp, 10, ctr[1]))
        return tmp

    def ctr_add(self, ctr, k, is32):
        if ctr[0] == 'reg':
            self.e(alu(ADD, ctr[1], imm=k, is64=not is32))
        else:
            self.e(ldx(DW, 1, 10, ctr[1]), alu(ADD, 1, imm=k, is64=not is32),
                   stx(DW, 10, ctr[1], 1))

    def loop_counted(self, ctr, hi, shape, is32, step, top):
        r, c = self.r, self.ctx
        # the bound: an immediate, a callee-saved register, a slot, or a
        # reload from a global at each test
        bkind = r.choice(['imm', 'reg', 'slot', 'mem', 'reg'])
        op = r.choice(['lt', 'lt', 'slt', 'le', 'ne'])
        bloc = None
        if bkind in ('reg', 'slot'):
            bloc = self.alloc_counter()
            if bloc is None or (bkind == 'reg' and bloc[0] != 'reg') or \
                    (bkind == 'slot' and bloc[0] != 'slot'):
                self.free_loc(bloc)
                bloc = None
                bkind = 'imm'
        if bkind == 'mem' and op == 'ne':
            op = 'lt'
        bad_ne = op == 'ne' and step > 1 and self.mutate('nonterm_loop')
        if bad_ne:
            c.light += 1
        # the bound's value
        if bkind == 'imm':
            v = self.small(hi // step if op == 'ne' else hi)
            vv = v
            bval = v * step if op == 'ne' else v
            if bad_ne:
                bval += 1
                self.may_trip = True
            self.p.shapes.append('bound-imm')
        elif bkind == 'mem':
            if r.random() < 0.5:
                js = [j for j in range(16) if self.rodata_vals[j] <= hi]
                area = 'rodata' if js else 'data'
            else:
                area = 'data'
            if area == 'rodata':
                j = r.choice(js)
                v = vv = self.rodata_vals[j]
            else:
                j = self.slot_for('data', hi)
                if j is None:
                    j, area = 0, 'rodata'
                    v = vv = self.rodata_vals[0]
                    if v > hi:
                        bkind = 'imm'
                        v = vv = bval = self.small(hi)
                else:
                    v, vv = self.max['data'][j], None
            mem = (area, 4 * j)
            bval = None
            self.p.shapes.append(f'bound-{area}')
        else:
            v, vv, src = self.load_value(2, hi // step if op == 'ne' else hi)
            if op == 'ne':
                if step > 1:
                    self.e(alu(MUL, 2, imm=step))
                if bad_ne:
                    self.e(alu(ADD, 2, imm=1))
                    self.may_trip = True
            if bloc[0] == 'reg':
                self.e(mov(bloc[1], 2))
            else:
                self.e(stx(DW, 10, bloc[1], 2))
            self.p.shapes.append(f'bound-{src}')
        if vv is None:
            self.w0 = False

        def bound_operand():
            """(src reg, imm) to compare the counter with."""
            if bkind == 'imm':
                return None, bval
            if bkind == 'mem':
                self.e(ld_map_value(2, mem[0], mem[1]), ldx(W, 2, 2, 0))
                return 2, None
            if bloc[0] == 'reg':
                return bloc[1], None
            self.e(ldx(DW, 2, 10, bloc[1]))
            return 2, None

        head, cont, out = self.lab('head'), self.lab('cont'), self.lab('out')
        far = r.random() < 0.1
        trips = max(1, (v or 0) + 1)
        # the largest value the counter has in the body
        ctr_max = None if v is None else v * step if op == 'ne' else v
        outer_mult = c.mult
        c.mult = outer_mult * trips
        if shape == 'up':
            start = 0 if (op == 'ne' or r.random() < 0.7) else r.randint(1, 2)
            self.ctr_set(ctr, imm=start, is32=is32)
            # exit when the test fails: lt -> >=, slt -> s>=, le -> >, ne -> ==
            exit_op = {'lt': JGE, 'slt': JSGE, 'le': JGT, 'ne': JEQ}[op]
            stay_op = JMP_NEG[exit_op]
            if not top or op == 'ne':
                # guard: a loop whose bound is already reached is not entered
                rr = self.ctr_reg(ctr)
                s, i = bound_operand()
                self.e(jmp(exit_op, rr, out, src=s, imm=i or 0, is32=is32))
            if top:
                self.label(head)
                rr = self.ctr_reg(ctr)
                s, i = bound_operand()
                if s is not None and r.random() < 0.3 and exit_op in (JGE, JGT):
                    # the same test with the operands swapped
                    self.e(jmp({JGE: JLE, JGT: JLT}[exit_op], s, out, src=rr, is32=is32))
                else:
                    self.e(jmp(exit_op, rr, out, src=s, imm=i or 0, is32=is32))
                self.loop_body(ctr, ctr_max, out, cont, is32)
                self.label(cont)
                self.ctr_add(ctr, step, is32)
                self.e(ja(head, far=far))
            else:
                self.label(head)
                self.loop_body(ctr, ctr_max, out, cont, is32)
                self.label(cont)
                self.ctr_add(ctr, step, is32)
                rr = self.ctr_reg(ctr)
                s, i = bound_operand()
                self.e(jmp(stay_op, rr, head, src=s, imm=i or 0, is32=is32))
            self.label(out)
        else:
            # down: i = n; while (i > 0) i -= step, or until i == 0 with n a multiple of step
            s, i = bound_operand()
            if s is None:
                self.ctr_set(ctr, imm=i, is32=is32)
            else:
                self.ctr_set(ctr, src=s, is32=is32)
            exit_op = JEQ if op == 'ne' or step == 1 else JSLE
            self.label(head)
            rr = self.ctr_reg(ctr)
            self.e(jmp(exit_op, rr, out, imm=0, is32=is32))
            self.loop_body(ctr, ctr_max, out, cont, is32)
            self.label(cont)
            self.ctr_add(ctr, -step, is32)
            self.e(ja(head, far=far))
            self.label(out)
        c.mult = outer_mult
        self.free_loc(bloc)
        if bad_ne:
            c.light -= 1

    def loop_body(self, ctr, vmax, out, cont, is32):
        """Statements, a use of the counter as an index, maybe a break/continue."""
        r, c = self.r, self.ctx
        items = ['stmts', 'index']
        if r.random() < 0.35:
            items.append('break')
        if r.random() < 0.15:
            items.append('continue')
        r.shuffle(items)
        for it in items:
            if it == 'stmts':
                self.block(r.randint(1, 2))
            elif it == 'index':
                self.index_use(ctr, vmax)
            elif it == 'break':
                self.e(mov(1, 7), alu(AND, 1, imm=r.choice([3, 7, 31])),
                       jmp(JEQ, 1, out, imm=r.randint(0, 3)))
                self.p.shapes.append('break')
            else:
                self.e(mov(1, 7), alu(AND, 1, imm=r.choice([3, 7])),
                       jmp(JEQ, 1, cont, imm=r.randint(0, 3)))

    def index_use(self, ctr, vmax):
        """Use the counter as an index into the map's scratch, the stack buffer,
        the packet, or just as a value."""
        r, c, p = self.r, self.ctx, self.p
        k = r.choice(['map', 'map', 'buf', 'pkt', 'val'])
        if k == 'map':
            V = p.data_size
            esize = r.choice([B, H, W, DW])
            n = SIZE_BYTES[esize]
            room = (V - SCRATCH) // n           # elements in the scratch
            rr = self.ctr_reg(ctr, tmp=3)
            self.e(ld_map_value(1, 'data', SCRATCH), mov(2, rr))
            # unmasked, the index needs widening's run-time check (CAP_PERFMON)
            masked = vmax is None or vmax + 1 > room or r.random() < 0.4
            if masked:
                m = (1 << (room.bit_length() - 1)) - 1
                if self.mutate('oob_map'):
                    m = m * 2 + 1 if (m + 1) * 2 > room else room
                self.e(alu(AND, 2, imm=m))
            else:
                self.p.shapes.append('index-unmasked')
            if n > 1:
                self.e(alu(LSH, 2, imm=n.bit_length() - 1))
            self.e(alu(ADD, 1, 2))
            if r.random() < 0.5:
                self.e(ldx(esize, 2, 1, 0))
                self.mix(src=2)
            else:
                self.e(stx(esize, 1, 0, 7))
        elif k == 'buf' and self.mode == 'root' and self.ensure_buf():
            rr = self.ctr_reg(ctr, tmp=3)
            self.buf_access(store=r.random() < 0.5, idx_reg=rr, idx_max=vmax)
        elif k == 'pkt' and c.main and p.ptype in CTX_DATA:
            doff, eoff = CTX_DATA[p.ptype]
            rr = self.ctr_reg(ctr, tmp=3)
            skip = self.lab()
            self.e(mov(4, rr), ldx(W, 1, 6, doff), ldx(W, 2, 6, eoff), alu(ADD, 1, 4),
                   mov(3, 1), alu(ADD, 3, imm=1), jmp(JGT, 3, skip, src=2), ldx(B, 3, 1, 0))
            self.mix(src=3)
            self.label(skip)
            self.p.shapes.append('index-pkt')
        elif k == 'pkt' and c.main and p.ptype in (SOCKET_FILTER, SCHED_CLS) and self.ldabs_ok:
            rr = self.ctr_reg(ctr, tmp=3)
            self.e(Insn(LD | IND | B, 0, rr, 0, r.randint(0, 64)))
            self.mix(src=0)
            self.p.shapes.append('ldind')
        else:
            rr = self.ctr_reg(ctr, tmp=3)
            self.mix(src=rr)

    def loop_ptr(self, ctr, hi):
        """A pointer that walks the data map's scratch or the stack buffer, bounded
        by a counter with a constant bound."""
        r, c = self.r, self.ctx
        esize = r.choice([B, W, DW])
        n = SIZE_BYTES[esize]
        on_map = r.random() < 0.6 or self.mode == 'bpf' or c.buf > 4096
        if on_map:
            room = (self.p.data_size - SCRATCH) // n
        else:
            self.ensure_buf()
            room = c.buf // n
        cnt = max(1, min(hi, room, 64))
        if on_map and self.mutate('oob_map'):
            cnt = room + 1
        # the pointer lives in a slot when no register is free
        ploc = self.alloc_counter()
        if ploc is None:
            return self.s_alu()
        head, out = self.lab('head'), self.lab('out')
        if on_map:
            self.e(ld_map_value(2, 'data', SCRATCH))
        else:
            self.buf_base(2)
        if ploc[0] == 'reg':
            self.e(mov(ploc[1], 2))
        else:
            self.e(stx(DW, 10, ploc[1], 2))
        self.ctr_set(ctr, imm=0)
        outer = c.mult
        c.mult = outer * (cnt + 1)
        self.label(head)
        rr = self.ctr_reg(ctr)
        self.e(jmp(JGE, rr, out, imm=cnt))
        pr = ploc[1] if ploc[0] == 'reg' else 4
        if ploc[0] == 'slot':
            self.e(ldx(DW, 4, 10, ploc[1]))
        if r.random() < 0.5:
            self.e(ldx(esize, 3, pr, 0))
            self.mix(src=3)
        else:
            self.e(stx(esize, pr, 0, 7))
        self.block(r.randint(0, 1))
        if ploc[0] == 'slot':
            self.e(ldx(DW, 4, 10, ploc[1]), alu(ADD, 4, imm=n), stx(DW, 10, ploc[1], 4))
        else:
            self.e(alu(ADD, ploc[1], imm=n))
        self.ctr_add(ctr, 1, False)
        self.e(ja(head))
        self.label(out)
        c.mult = outer
        self.free_loc(ploc)
        if cnt > 300:
            self.w0 = False

    def s_may_goto(self):
        """A loop with a may_goto and a real exit that comes first."""
        r, c = self.r, self.ctx
        ctr = self.alloc_counter()
        if ctr is None:
            return self.s_alu()
        hi = min(max(1, MULT_LIMIT // max(1, c.mult)), 50)
        n = self.small(hi)
        head, out = self.lab('head'), self.lab('out')
        self.ctr_set(ctr, imm=0)
        outer = c.mult
        c.mult = outer * (n + 1)
        c.loop_depth += 1
        self.label(head)
        self.e(may_goto(out))
        rr = self.ctr_reg(ctr)
        self.e(jmp(JGE, rr, out, imm=n))
        self.block(r.randint(1, 2))
        self.ctr_add(ctr, 1, False)
        self.e(ja(head))
        self.label(out)
        c.loop_depth -= 1
        c.mult = outer
        self.free_loc(ctr)
        self.p.shapes.append('may_goto')

    # ---- calls ----

    def set_args(self, nargs, arg_max):
        """r1..rN from the accumulator, masked to arg_max, or constants."""
        r = self.r
        for a in range(1, nargs + 1):
            m = arg_max[a - 1]
            if r.random() < 0.3:
                self.e(mov(a, imm=r.randint(0, m)))
            else:
                self.e(mov(a, 7))
                if a > 1:
                    self.e(alu(RSH, a, imm=r.randint(1, 20)))
                self.e(alu(AND, a, imm=m))

    def gen_body(self, fctx, nstmts, prologue=None):
        """Generate fctx's body: prologue, statements, epilogue; buffer init
        is put in front once the body knows it needs one."""
        saved = self.ctx
        self.ctx = fctx
        f = fctx.f
        f.body.extend(prologue or [])
        mark = len(f.body)
        self.block(nstmts)
        self.epilogue()
        if fctx.buf:
            f.body[mark:mark] = self.init_buf(fctx)
        self.ctx = saved

    def epilogue(self):
        c = self.ctx
        if c.ret:
            self.label(c.ret)
        if c.cb:
            self.e(stx(DW, 6, 0, 7))
            out = self.lab()
            if self.r.random() < 0.3:
                # stop the loop early on some values
                self.e(mov(0, imm=1), mov(1, 7), alu(AND, 1, imm=7), jmp(JEQ, 1, out, imm=3))
            self.e(mov(0, imm=0))
            self.label(out)
            self.e(exit_())
            return
        self.e(mov(0, 7), exit_())

    def entry_mix(self, nargs):
        """r7 from the arguments; each argument is also kept in a slot."""
        c = self.ctx
        self.e(mov(7, imm=self.r.randint(1, 1000) * 0x10001))
        c.arg_slots = []
        for a in range(1, nargs + 1):
            self.e(alu(MUL, 7, imm=31), alu(ADD, 7, a))
            if c.slots and self.r.random() < 0.7:
                s = c.slots.pop()
                self.e(stx(DW, 10, s, a))
                c.arg_slots.append(s)
            else:
                c.arg_slots.append(None)

    def s_call(self):
        r, c = self.r, self.ctx
        nargs = r.randint(0, 5)
        arg_max = [r.choice([1, 7, 15, 63, 255]) for _ in range(nargs)]
        fctx = self.new_func('sub', nargs, c.depth + 1, c.mult, arg_max)
        self.set_args(nargs, arg_max)
        self.e(call_fn(fctx.f.name))
        if self.mutate('uninit_reg'):
            self.mix(src=r.randint(1, 5))
        self.mix(src=0)
        pro = self.capture(fctx, lambda: self.entry_mix(nargs))
        n = r.randint(1, 4) if c.depth < 6 else r.randint(0, 2)
        self.gen_body(fctx, n, pro)
        self.p.shapes.append('call-' + fctx.f.linkage)

    def capture(self, fctx, fn):
        """Run fn with fctx current and return the insns it emitted."""
        saved = self.ctx
        self.ctx = fctx
        mark = len(fctx.f.body)
        fn()
        out = fctx.f.body[mark:]
        del fctx.f.body[mark:]
        self.ctx = saved
        return out

    def s_chain(self):
        """main -> c1 -> c2 -> ... -> cD: a deep chain of small functions."""
        r, c = self.r, self.ctx
        self.chain_done = True
        D = r.choices([r.randint(2, 8), r.randint(9, 15), r.randint(16, 31), r.randint(31, 35)],
                      [4, 3, 2, 1])[0]
        if self.mutate('deep_chain'):
            D = r.randint(32, 36)
        self.p.shapes.append(f'chain-{D}')
        nargs = r.randint(1, 3)
        arg_max = [r.choice([7, 15, 255]) for _ in range(nargs)]
        fcs = [self.new_func('chain', nargs, c.depth + 1 + i, c.mult, arg_max,
                             linkage='global' if r.random() < 0.2 else 'static')
               for i in range(D)]
        self.set_args(nargs, arg_max)
        self.e(call_fn(fcs[0].f.name))
        self.mix(src=0)
        for i, fc in enumerate(fcs):
            self.ctx = fc
            self.entry_mix(nargs)
            mark = len(fc.f.body)
            k = r.random()
            if k < 0.25:
                # a frame of its own
                fc.buf = r.choices([8, 64, 256, 1024, 8192], [3, 3, 2, 1, 0.5])[0]
                if self.mode == 'bpf' or fc.buf > 256 and D > 16 or \
                        fc.buf > 8 * (40000 // max(1, fc.mult)):
                    fc.buf = 64
                self.s_buffer()
            elif k < 0.45:
                self.s_alu()
            elif k < 0.6 and fc.mult < MULT_LIMIT // 4:
                self.s_loop()
            if i + 1 < D:
                self.set_args(nargs, arg_max)
                self.e(call_fn(fcs[i + 1].f.name))
                self.mix(src=0)
            self.epilogue()
            if fc.buf:
                fc.f.body[mark:mark] = self.init_buf(fc)
            self.ctx = c

    def cand_funcs(self):
        """The functions callx may reach: created once per program."""
        if self.cands:
            return self.cands
        r = self.r
        k = r.randint(2, 5)
        for i in range(k):
            nargs = self.callx_nargs
            if i == k - 1 and self.mutate('callx_proto'):
                nargs = min(5, nargs + 1)
            fctx = self.new_func('cand', nargs, 2, MULT_LIMIT,
                                 linkage='static' if i < 2 else None)
            saved = self.ctx
            self.ctx = fctx
            self.e(mov(7, imm=(i + 1) * 1000003))
            for a in range(1, nargs + 1):
                self.e(alu(MUL, 7, imm=r.choice([3, 5, 7, 11])), alu(XOR, 7, a))
            self.e(alu(ADD, 7, imm=(i + 1) * 0x100))
            if r.random() < 0.3:
                self.s_alu()
            if self.mutate('callx_nested'):
                if r.random() < 0.1:
                    # through its own address: a cycle of function references
                    self.e(ld_func(3, fctx.f.name), callx(3), alu(ADD, 7, 0))
                else:
                    # through the read-only table it is in (error V0036)
                    self.nested_fn = fctx.f.name
                    self.e(ld_map_value(2, 'rodata', TAB_OFF + 8 * r.randrange(8)),
                           ldx(DW, 3, 2, 0), callx(3), alu(ADD, 7, 0))
            self.epilogue()
            self.ctx = saved
            self.cands.append(fctx.f.name)
        self.p.callx_cands = list(self.cands)
        if getattr(self, 'nested_fn', None):
            if self.rodata_tags is None:
                self.rodata_tags = [r.choice(self.cands) for _ in range(8)]
            self.rodata_tags[r.randrange(8)] = self.nested_fn
        return self.cands

    def s_callx(self):
        r, c = self.r, self.ctx
        cands = self.cand_funcs()
        self.has_callx = True
        nargs = self.callx_nargs
        how = r.choice(['branch', 'spill', 'rotab', 'datatab', 'rotab_const', 'branch'])
        reg = r.choice([0] + list(range(nargs + 1, 6)))
        self.p.shapes.append('callx-' + how)
        if self.mutate('callx_number'):
            self.e(mov(reg, imm=12345))
            how = 'none'
        if how == 'branch' or how == 'spill':
            # an ld_imm64 of a function needs a static one
            static = [f.name for f in self.p.funcs if f.name in cands and f.linkage == 'static']
            pick = r.sample(static, min(len(static), r.randint(1, 3)))
            self.load_value(1)
            done = self.lab()
            if how == 'spill':
                # each candidate's address spilled to fp-8; the chosen one reloaded
                self.e(ld_func(2, pick[0]), stx(DW, 10, -8, 2))
                for i, fn in enumerate(pick[1:]):
                    nxt = self.lab()
                    self.e(jmp(JNE, 1, nxt, imm=i), ld_func(2, fn), stx(DW, 10, -8, 2))
                    self.label(nxt)
                self.e(ldx(DW, reg, 10, -8))
            else:
                self.e(ld_func(reg, pick[0]))
                for i, fn in enumerate(pick[1:]):
                    self.e(jmp(JEQ, 1, done, imm=i), ld_func(reg, fn))
            self.label(done)
        elif how in ('rotab', 'rotab_const'):
            if self.rodata_tags is None:
                self.rodata_tags = [r.choice(cands) for _ in range(8)]
            size = r.choice([2, 4, 8])
            if how == 'rotab':
                self.load_value(1)
                self.e(alu(AND, 1, imm=size - 1), alu(LSH, 1, imm=3))
                self.e(ld_map_value(2, 'rodata', TAB_OFF), alu(ADD, 2, 1), ldx(DW, reg, 2, 0))
            else:
                self.e(ld_map_value(2, 'rodata', TAB_OFF + 8 * r.randrange(8)),
                       ldx(DW, reg, 2, 0))
        elif how == 'datatab':
            if self.data_tags is None:
                self.data_tags = []
                for _ in range(8):
                    t = r.random()
                    if t < 0.75:
                        self.data_tags.append(('fn', r.choice(cands)))
                    elif t < 0.85:
                        self.data_tags.append(('num', r.randint(0, 2**64 - 1)))
                    elif t < 0.92:
                        self.data_tags.append(('main', None))
                    else:
                        self.data_tags.append(('num', (FUNC_PTR_TAG << 32) | 9999))
            self.load_value(1)
            self.e(alu(AND, 1, imm=7), alu(LSH, 1, imm=3))
            self.e(ld_map_value(2, 'data', TAB_OFF), alu(ADD, 2, 1), ldx(DW, reg, 2, 0))
        # the arguments, then the call
        for a in range(1, nargs + 1):
            if a == reg:
                continue
            self.e(mov(a, 7), alu(AND, a, imm=r.choice([7, 255, 0xffff])))
        self.e(callx(reg))
        self.mix(src=0)

    def s_bpf_loop(self):
        r, c = self.r, self.ctx
        allowed = max(1, MULT_LIMIT // max(1, c.mult))
        hi = min(allowed, r.choice([4, 16, 64]))
        fctx = self.new_func('cb', 2, c.depth + 1, c.mult, linkage='static')
        self.p.shapes.append('bpf_loop')
        # the callback's ctx: a u64 in this frame that holds r7
        self.e(stx(DW, 10, -8, 7))
        v, _, _ = self.load_value(1, hi)
        fctx.mult = c.mult * max(1, (v or 0) + 1)
        fctx.cb_max = v
        self.e(ld_func(2, fctx.f.name), mov(3, 10), alu(ADD, 3, imm=-8), mov(4, imm=0),
               call_helper(H_LOOP))
        self.mix(src=0)
        self.e(ldx(DW, 1, 10, -8))
        self.mix(src=1)
        fctx.slots.remove(CB_IDX)
        pro = [mov(6, 2), ldx(DW, 7, 2, 0), stx(DW, 10, CB_IDX, 1), alu(ADD, 7, 1),
               alu(MUL, 7, imm=r.choice([3, 31, 0x9e3779b1 - 2**32]))]
        self.gen_body(fctx, r.randint(0, 2), pro)

    def s_skb_bytes(self):
        r = self.r
        n = r.randint(1, 8)
        self.e(st(DW, 10, -8, 0), mov(1, 6), mov(2, imm=r.randint(0, 100)), mov(3, 10),
               alu(ADD, 3, imm=-8), mov(4, imm=n), call_helper(H_SKB_LOAD_BYTES))
        self.mix(src=0)
        self.e(ldx(DW, 1, 10, -8))
        self.mix(src=1)

    def s_ldabs(self):
        r = self.r
        size = r.choice([B, H, W])
        self.e(ld_abs(size, r.randint(0, 120)))
        self.mix(src=0)
        self.p.shapes.append('ldabs')

    def s_far(self):
        """A jump across ~32k insns, which the rewrites after verification (and
        blinding) push beyond 16 bits."""
        r = self.r
        self.far_done = True
        kind = r.choice(['fwd', 'back', 'gotol', 'blind', 'blind'])
        self.p.shapes.append('far-' + kind)
        n = r.randint(32700, 32760)
        # blinding makes each insn with an immediate three: 11k of them are
        # enough to push a jump across them out of range, and blinding a
        # program costs time in the square of its size
        self.harden = kind == 'blind'
        if kind == 'blind':
            n = r.randint(11000, 12000)
            kind = 'fwd'

        def filler(count):
            out = []
            while len(out) < count:
                k = r.random()
                if k < 0.02 and len(out) + 3 <= count:
                    out += [mov(1, 7), alu(OR, 1, imm=1), alu(DIV, 7, 1)]
                else:
                    out.append(alu(r.choice([ADD, XOR, MUL, SUB]), 7, imm=r.randint(1, 2**31 - 1)))
            return out[:count]
        after = self.lab('far')
        if kind == 'fwd':
            self.e(jmp(JSET, 7, after, imm=1))
            self.e(*filler(n))
            self.label(after)
        elif kind == 'back':
            ctr = self.alloc_counter()
            if ctr is None:
                return
            head = self.lab('head')
            self.ctr_set(ctr, imm=0)
            self.label(head)
            self.e(*filler(n - 6))
            self.ctr_add(ctr, 1, False)
            rr = self.ctr_reg(ctr)
            self.e(jmp(JLT, rr, head, imm=2))
            self.free_loc(ctr)
        else:
            mid = self.lab('mid')
            self.e(jmp(JSET, 7, mid, imm=1), ja(after, far=True))
            self.label(mid)
            self.e(*filler(n + r.randint(1, 8000)))
            self.label(after)

    # ---- the program ----

    def build(self):
        r, p = self.r, self.p
        main = Func('main', 1, 'global', 'main')
        p.funcs.append(main)
        self.ctx = FnCtx(main, 1, 1)
        c = self.ctx
        self.e(mov(6, 1), mov(7, imm=r.randint(0, 2**31 - 1)))
        if self.mutate('uninit_stack'):
            self.e(ldx(DW, 1, 10, -200))
            self.mix(src=1)
        mark = len(main.body)
        self.block(r.randint(2, 5))
        if self.mutate('no_exit_loop'):
            spin = self.lab('spin')
            skip = self.lab()
            self.e(jmp(JNE, 7, skip, imm=12345), Label(spin), alu(ADD, 7, imm=1), ja(spin))
            self.label(skip)
        if self.mutate('r10_write'):
            self.e(mov(10, 7))
        self.epilogue()
        if c.buf:
            main.body[mark:mark] = self.init_buf(c)
        self.finish()
        return p

    def raw_mutation(self):
        """Change one field of one instruction. Only for loads without
        CAP_PERFMON: the verifier then lets no pointer out and no unwritten
        byte in, so whatever it accepts still runs the same everywhere."""
        r, p = self.r, self.p
        sites = [(f, j) for f in p.funcs for j, x in enumerate(f.body)
                 if isinstance(x, Insn) and not x.wide()]
        f, j = r.choice(sites)
        x = f.body[j].copy()
        cls = x.code & 7
        what = r.choice(['off', 'imm', 'dst', 'src', 'op'])
        if what == 'off' and cls in (LDX, ST, STX):
            x.off += r.choice([-8, -4, -1, 1, 4, 8])
        elif what == 'imm' and not (x.code & X) and cls in (ALU, ALU64, JMP, JMP32, ST):
            x.imm += r.choice([-1, 1, 1 << r.randint(2, 12)])
        elif what == 'dst' and cls != JMP or x.code == (JMP | CALL | X):
            x.dst = r.randint(0, 9)
        elif what == 'src' and (x.code & X or cls in (LDX, STX)):
            x.src = r.randint(0, 10)
        elif cls in (JMP, JMP32) and is_cond_jump(x):
            x.code = (x.code & 0x0f) | r.choice(list(JMP_SYM))
        elif cls in (ALU, ALU64) and (x.code & 0xf0) not in (END, NEG):
            x.code = (x.code & 0x0f) | r.choice([ADD, SUB, MUL, OR, AND, XOR, LSH, RSH, ARSH])
        else:
            x.off += 1
        f.body[j] = x
        self.mutation = f'raw:{f.name}[{j}]:{what}'
        self.may_trip = True

    def drop_unreferenced(self):
        """A function that no call, ld_imm64 or table names is dead code."""
        p = self.p
        named = {'main'}
        for f in p.funcs:
            for x in f.body:
                if isinstance(x, Insn) and x.func:
                    named.add(x.func)
        named |= set(self.rodata_tags or [])
        named |= {v for k, v in (self.data_tags or []) if k == 'fn'}
        p.funcs = [f for f in p.funcs if f.name in named]
        self.cands = [c for c in self.cands if c in named]
        p.callx_cands = list(self.cands)

    def finish(self):
        r, p = self.r, self.p
        self.drop_unreferenced()
        if self.mode == 'bpf' and self.mutation is None and r.random() < 0.3:
            self.raw_mutation()
        if self.mode == 'bpf':
            p.flags |= F_CAPS_BPF
        if p.ptype == SYSCALL:
            p.flags |= F_SLEEPABLE
        if not self.may_trip:
            # the interpreter's budget counts 8M iterations: too slow to wait for
            p.flags |= F_INTERP
        if self.harden or (self.harden is None and r.random() < 0.5):
            p.flags |= F_HARDEN
        if self.w0 and not self.may_trip:
            p.flags |= F_WIDEN_OFF
        if self.may_trip:
            p.flags |= F_MAY_TRIP
        p.mutation = self.mutation
        ids = btf_ids(p)
        # rodata: the bound area, then the function table
        ro = bytearray(128)
        for j, v in enumerate(self.rodata_vals):
            struct.pack_into('<I', ro, 4 * j, v)
        if self.rodata_tags:
            for j, fn in enumerate(self.rodata_tags):
                struct.pack_into('<Q', ro, TAB_OFF + 8 * j, (FUNC_PTR_TAG << 32) | ids[fn])
        p.rodata = bytes(ro)
        tags = None
        if self.data_tags:
            tags = bytearray(64)
            for j, (k, v) in enumerate(self.data_tags):
                if k == 'fn':
                    val = (FUNC_PTR_TAG << 32) | ids[v]
                elif k == 'main':
                    val = (FUNC_PTR_TAG << 32) | ids['main']
                else:
                    val = v
                struct.pack_into('<Q', tags, 8 * j, val)
        for k in range(r.randint(2, 3)):
            img = bytearray(r.randbytes(p.data_size))
            for j in range(16):
                hi = self.max['data'][j]
                struct.pack_into('<I', img, 4 * j, self.small(hi if hi is not None else 12))
            if tags:
                img[TAB_OFF:TAB_OFF + 64] = tags
            if p.ptype == SYSCALL:
                pkt = bytearray(r.randbytes(r.randint(128, 512)))
                base = 0
            else:
                base = 14 if p.ptype == SOCKET_FILTER else 0
                pkt = bytearray(r.randbytes(r.choice([base + 64, r.randint(base + 64, 200),
                                                      r.randint(base + 64, 1500)])))
            for j in range(16):
                hi = self.max['pkt'][j]
                struct.pack_into('<I', pkt, base + 4 * j, self.small(hi if hi is not None else 12))
            p.inputs.append(Input(bytes(pkt), bytes(img)))


def gen_program(seed, index, opts=None):
    p = Gen(seed, index, opts).build()
    assemble(p)
    return p

# SPDX-License-Identifier: GPL-2.0
"""A reference BPF machine for scripts/fuzz: the expected result of a run.

It executes the program as written (before any rewrite of the verifier) on
one input, with the semantics of the BPF instruction set: exact 32- and
64-bit ALU results, division by zero, signed division, byte swaps, atomics,
bpf2bpf calls with fresh r6-r9 and r10, callx with bpf-lift's candidates (the
functions whose address the program takes and whose BTF FUNC tags are in a
global it uses, minus those that reach a callx themselves; any other value
calls nothing and gives 0), bpf_loop(), bpf_map_lookup_elem(),
bpf_skb_load_bytes(), LD_ABS/LD_IND (a load past the packet returns 0 from
the function) and may_goto (never taken). Memory is typed: a stack frame of
128 KiB, the two globals, the packet, the context. What the program reads
that it did not write, a pointer it lets out, or an access outside its
object stops the run with a verdict instead of a value:

  ok      retval, crc32 of the data map, crc32 of the packet / ctx out
  oob     an access outside its object, a write to the read-only global
  nondet  a result that depends on addresses or unwritten memory
  steps   more than the step limit (a loop that does not end)
  unsupported  something this machine does not model
"""

import struct
import zlib

from bpfasm import *   # noqa: F401,F403
from bpfasm import layout

M64 = (1 << 64) - 1
M32 = (1 << 32) - 1
STACK = 131072
MAX_LOOPS = 1 << 23


class Stop(Exception):
    def __init__(self, verdict, why):
        super().__init__(why)
        self.verdict, self.why = verdict, why


class LdAbsExit(Exception):
    pass


class Mem:
    """An object: bytes, which of them were written, pointers spilled in it."""
    __slots__ = ('name', 'buf', 'init', 'ptrs', 'lo', 'hi', 'writable', 'base')

    def __init__(self, name, data=None, lo=0, hi=None, writable=True, stack=False):
        self.name = name
        self.writable = writable
        self.ptrs = {}
        if stack:
            self.lo, self.hi = -STACK, 0
            self.base = -512
            self.buf = bytearray(512)
            self.init = bytearray(512)
        else:
            self.buf = bytearray(data)
            self.lo, self.hi = 0, len(data)
            self.base = 0
            self.init = None

    def grow(self, off):
        n = self.base - off
        n = max(n, -self.base)           # at least double
        n = min(n, self.base - self.lo)
        self.buf[0:0] = bytes(n)
        self.init[0:0] = bytes(n)
        self.base -= n

    def check(self, off, n, write):
        if off < self.lo or off + n > self.hi:
            raise Stop('oob', f'{"write" if write else "read"} of {n} at {self.name}{off:+d} '
                              f'(object [{self.lo}, {self.hi}))')
        if write and not self.writable:
            raise Stop('oob', f'write to read-only {self.name}{off:+d}')
        if off < self.base:
            self.grow(off)

    def load(self, off, n):
        self.check(off, n, False)
        if self.ptrs:
            for p in range(off - 7, off + n):
                if p in self.ptrs:
                    if p == off and n == 8:
                        return self.ptrs[p]
                    raise Stop('nondet', f'partial read of a pointer at {self.name}{p:+d}')
        i = off - self.base
        if self.init is not None and 0 in self.init[i:i + n]:
            raise Stop('nondet', f'read of unwritten {self.name}{off:+d} size {n}')
        return int.from_bytes(self.buf[i:i + n], 'little')

    def store(self, off, n, v):
        self.check(off, n, True)
        if self.ptrs:
            for p in range(off - 7, off + n):
                self.ptrs.pop(p, None)
        i = off - self.base
        if not isinstance(v, int):
            if n != 8:
                raise Stop('nondet', f'partial spill of a pointer to {self.name}{off:+d}')
            if self.init is None:
                raise Stop('nondet', f'pointer stored in {self.name}{off:+d}')
            self.ptrs[off] = v
            self.buf[i:i + 8] = bytes(8)
        else:
            self.buf[i:i + n] = (v & ((1 << (8 * n)) - 1)).to_bytes(n, 'little')
        if self.init is not None:
            self.init[i:i + n] = b'\1' * n


class Ptr:
    """A pointer; var when a register was added to it (a variable offset)."""
    __slots__ = ('mem', 'off', 'var')

    def __init__(self, mem, off, var=False):
        self.mem, self.off, self.var = mem, off, var

    def __repr__(self):
        return f'&{self.mem.name}{self.off:+d}'


class FnVal:
    __slots__ = ('pos',)

    def __init__(self, pos):
        self.pos = pos


class MapVal:
    __slots__ = ('mem',)

    def __init__(self, mem):
        self.mem = mem


class CtxVal:
    """An skb or xdp context: only the fields the generator reads."""
    __slots__ = ()


def sx(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def sdiv(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def bswap(v, bits):
    return int.from_bytes((v & ((1 << bits) - 1)).to_bytes(bits // 8, 'little'), 'big')


def alu_op(op, a, b, is64, off):
    """The result of one ALU operation on scalars, as the register's new value."""
    if is64:
        m, bits = M64, 64
    else:
        m, bits = M32, 32
        a &= M32
        b &= M32
    if op == ADD:
        r = a + b
    elif op == SUB:
        r = a - b
    elif op == MUL:
        r = a * b
    elif op == DIV:
        if off == 1:
            sa, sb = sx(a, bits), sx(b, bits)
            r = 0 if sb == 0 else -sa if sb == -1 else sdiv(sa, sb)
        else:
            r = 0 if b == 0 else a // b
    elif op == MOD:
        if off == 1:
            sa, sb = sx(a, bits), sx(b, bits)
            r = a if sb == 0 else 0 if sb == -1 else sa - sdiv(sa, sb) * sb
        else:
            r = a if b == 0 else a % b
    elif op == OR:
        r = a | b
    elif op == AND:
        r = a & b
    elif op == XOR:
        r = a ^ b
    elif op == LSH:
        r = a << (b & (bits - 1))
    elif op == RSH:
        r = a >> (b & (bits - 1))
    elif op == ARSH:
        r = sx(a, bits) >> (b & (bits - 1))
    elif op == NEG:
        r = -a
    elif op == MOV:
        r = sx(b, off) if off else b
    else:
        raise Stop('unsupported', f'alu op {op:#x}')
    return r & m


def cond(op, a, b, is64):
    bits = 64 if is64 else 32
    if not is64:
        a &= M32
        b &= M32
    if op == JEQ:
        return a == b
    if op == JNE:
        return a != b
    if op == JGT:
        return a > b
    if op == JGE:
        return a >= b
    if op == JLT:
        return a < b
    if op == JLE:
        return a <= b
    if op == JSET:
        return (a & b) != 0
    sa, sb = sx(a, bits), sx(b, bits)
    if op == JSGT:
        return sa > sb
    if op == JSGE:
        return sa >= sb
    if op == JSLT:
        return sa < sb
    if op == JSLE:
        return sa <= sb
    raise Stop('unsupported', f'jump op {op:#x}')


class Machine:
    def __init__(self, prog, inp, step_limit=3_000_000):
        self.p = prog
        self.insns, _ = assemble(prog)
        _, fstart, _ = layout(prog)
        self.fstart = fstart
        self.fname_at = {v: k for k, v in fstart.items()}
        self.ids = btf_ids(prog)
        self.step_limit = step_limit
        self.steps = 0
        self.data = Mem('data', inp.image)
        self.rodata = Mem('rodata', prog.rodata, writable=False)
        pt = prog.ptype
        self.socket = pt == SOCKET_FILTER
        if pt == SYSCALL:
            self.ctxmem = Mem('ctx', inp.pkt)
            self.pkt = None
            self.ctx = Ptr(self.ctxmem, 0)
        else:
            self.pkt = Mem('pkt', inp.pkt[14:] if self.socket else inp.pkt,
                           writable=pt in (SCHED_CLS, XDP))
            self.ctx = CtxVal()
        self.cands = self.candidates(inp.image)
        self.protos = {f.nargs for f in prog.funcs if f.name in self.cands}

    # -- callx candidates, as kernel/bpf/callx.c computes them --

    def func_of(self, pos):
        best = None
        for name, s in self.fstart.items():
            if s <= pos and (best is None or s > self.fstart[best]):
                best = name
        return best

    def escapes(self, i):
        """callx_func_escapes(): may the function address loaded at i reach a callx."""
        ins = self.insns
        r = ins[i][1]
        for j in range(i + 2, len(ins)):
            code, dst, src, off, imm = ins[j]
            if code == (JMP | CALL) and src != PSEUDO_CALL:
                if r <= 5:
                    return False
                continue
            if (code & 7) in (JMP, JMP32):
                return True
            if src != r and dst != r:
                continue
            # callx_overwrites()
            if dst != r:
                over = False
            elif code in (LD | IMM | DW, ALU64 | MOV | K, ALU | MOV | K):
                over = True
            elif code in (ALU64 | MOV | X, ALU | MOV | X):
                over = src != r
            else:
                over = (code & 7) == LDX and src != r
            return not over
        return True

    def candidates(self, image):
        ins = self.insns
        if not any((c == (JMP | CALL | X)) for c, *_ in ins):
            return set()
        nested, named, cand, used = set(), set(), set(), set()
        i = 0
        refs = []
        while i < len(ins):
            code, dst, src, off, imm = ins[i]
            me = self.func_of(i)
            if code == (JMP | CALL | X):
                nested.add(me)
            if code == (LD | IMM | DW):
                if src in (PSEUDO_MAP_IDX, PSEUDO_MAP_IDX_VALUE):
                    used.add(MAPS[imm])
                if src == PSEUDO_FUNC:
                    callee = self.fname_at.get(i + imm + 1)
                    if callee and callee != 'main':
                        named.add(callee)
                        refs.append((me, callee))
                        if self.escapes(i):
                            cand.add(callee)
                i += 2
                continue
            if code == (JMP | CALL) and src == PSEUDO_CALL:
                callee = self.fname_at.get(i + imm + 1)
                if callee:
                    named.add(callee)
                    refs.append((me, callee))
            i += 1
        by_id = {v: k for k, v in self.ids.items()}
        for m, buf in (('data', image), ('rodata', self.p.rodata)):
            if m not in used:
                continue
            for off in range(0, len(buf) - 7, 8):
                v = struct.unpack_from('<Q', buf, off)[0]
                if v >> 32 == FUNC_PTR_TAG and by_id.get(v & M32) not in (None, 'main'):
                    cand.add(by_id[v & M32])
        changed = True
        while changed:
            changed = False
            for me, callee in refs:
                if callee in nested and me not in nested:
                    nested.add(me)
                    changed = True
        return {f for f in cand if f not in nested}

    # -- execution --

    def step(self):
        self.steps += 1
        if self.steps > self.step_limit:
            raise Stop('steps', f'more than {self.step_limit} insns')

    def ctx_load(self, off, size):
        if isinstance(self.ctx, Ptr):
            return self.ctx.mem.load(off, size)
        pt = self.p.ptype
        n = len(self.pkt.buf)
        if pt == XDP:
            if off == 0 or off == 8:
                return Ptr(self.pkt, 0)
            if off == 4:
                return Ptr(self.pkt, n)
        else:
            if off == 0 and size == 4:
                return n
            if pt == SCHED_CLS and off == 76:
                return Ptr(self.pkt, 0)
            if pt == SCHED_CLS and off == 80:
                return Ptr(self.pkt, n)
        raise Stop('unsupported', f'context field at {off}')

    def load(self, base, off, size):
        if isinstance(base, Ptr):
            return base.mem.load(base.off + off, size)
        if isinstance(base, CtxVal):
            return self.ctx_load(off, size)
        if base == 0:
            raise Stop('oob', 'load through NULL')
        raise Stop('nondet', f'load through {base!r}')

    def store(self, base, off, size, v):
        if isinstance(base, Ptr):
            return base.mem.store(base.off + off, size, v)
        if isinstance(base, CtxVal):
            raise Stop('oob', f'store to the context at {off}')
        raise Stop('oob', f'store through {base!r}')

    def helper(self, h, regs):
        if h == H_MAP_LOOKUP:
            m, k = regs[1], regs[2]
            if not isinstance(m, MapVal) or not isinstance(k, Ptr):
                raise Stop('nondet', 'bpf_map_lookup_elem arguments')
            key = k.mem.load(k.off, 4)
            return Ptr(m.mem, 0) if key == 0 else 0
        if h == H_LOOP:
            nr, cb, ctx, flags = regs[1], regs[2], regs[3], regs[4]
            if not isinstance(cb, FnVal) or not isinstance(nr, int) or not isinstance(flags, int):
                raise Stop('nondet', 'bpf_loop arguments')
            if flags:
                return (-22) & M64
            nr &= M32
            if nr > MAX_LOOPS:
                return (-7) & M64
            for i in range(nr):
                ret = self.run(cb.pos, [i, ctx, None, None, None], 1)
                if not isinstance(ret, int):
                    raise Stop('nondet', 'callback returns a pointer')
                if ret:
                    return i + 1
            return nr
        if h == H_SKB_LOAD_BYTES:
            off, to, n = regs[2], regs[3], regs[4]
            if not all(isinstance(x, int) for x in (off, n)) or not isinstance(to, Ptr):
                raise Stop('nondet', 'bpf_skb_load_bytes arguments')
            off &= M32
            n &= M32
            data = self.pkt.buf
            if off > 0x7fffffff or off + n > len(data):
                for k in range(n):
                    to.mem.store(to.off + k, 1, 0)
                return (-14) & M64
            for k in range(n):
                to.mem.store(to.off + k, 1, data[off + k])
            return 0
        raise Stop('unsupported', f'helper {h}')

    def ld_abs(self, mode, size, regs, src, imm):
        n = SIZE_BYTES[size]
        off = imm
        if mode == IND:
            v = regs[src]
            if not isinstance(v, int):
                raise Stop('nondet', 'LD_IND through a pointer')
            off = sx((v + imm) & M32, 32)
        if off < 0:
            raise Stop('unsupported', 'LD_ABS with a negative offset')
        data = self.pkt.buf
        if off + n > len(data):
            raise LdAbsExit()
        return int.from_bytes(data[off:off + n], 'big')

    def check_proto(self, base, v):
        """A function read at a variable offset has the walk's prototype.

        callx.c gives a load of functions from a read-only table one
        prototype: that of the first function the walk sees it give
        (callx.rst, "an 8-byte load gives functions of one prototype"); a
        function of another one gives 0.
        Which function the walk sees first depends on its state, not on
        this run, so a load of a function at a variable offset, in a
        program whose candidates differ in prototype, has no verdict here.
        """
        if not (isinstance(base, Ptr) and base.var and not base.mem.writable and
                isinstance(v, int) and
                v >> 32 == FUNC_PTR_TAG and len(self.protos) > 1):
            return
        raise Stop('unsupported', 'a function loaded at a variable offset '
                   'from a table of several prototypes')

    def call_target(self, v):
        if isinstance(v, FnVal):
            name = self.fname_at.get(v.pos)
        elif isinstance(v, int) and v >> 32 == FUNC_PTR_TAG:
            name = {i: n for n, i in self.ids.items()}.get(v & M32)
        elif isinstance(v, int):
            return None
        else:
            raise Stop('nondet', f'callx on {v!r}')
        if name in self.cands:
            return self.fstart[name]
        return None

    def run(self, pc, args, depth=0):
        if depth > 64:
            raise Stop('unsupported', 'call depth')
        regs = [None] * 11
        regs[1:6] = args
        regs[10] = Ptr(Mem('stack', stack=True), 0)
        ins = self.insns
        try:
            return self._run(pc, regs, ins, depth)
        except LdAbsExit:
            return 0
        except Stop as s:
            if not hasattr(s, 'where'):
                s.where = self.fname_at.get(pc)
            raise

    def val(self, regs, r):
        v = regs[r]
        if v is None:
            raise Stop('nondet', f'read of unset r{r}')
        return v

    def _run(self, pc, regs, ins, depth):
        while True:
            self.step()
            code, dst, src, off, imm = ins[pc]
            cls = code & 7
            pc += 1
            if cls == ALU64 or cls == ALU:
                is64 = cls == ALU64
                op = code & 0xf0
                if op == END:
                    a = self.val(regs, dst)
                    if not isinstance(a, int):
                        raise Stop('nondet', 'byte swap of a pointer')
                    if is64:
                        regs[dst] = bswap(a, imm)
                    elif code & X:
                        regs[dst] = bswap(a, imm)
                    else:
                        regs[dst] = a & ((1 << imm) - 1)
                    continue
                if op == MOV and off == 0:
                    b = self.val(regs, src) if code & X else imm & M64
                    if is64 or isinstance(b, int):
                        regs[dst] = b if is64 else b & M32
                        continue
                    raise Stop('nondet', '32-bit move of a pointer')
                b = self.val(regs, src) if code & X else imm & M64
                a = self.val(regs, dst) if op not in (MOV,) else 0
                if isinstance(a, int) and isinstance(b, int):
                    regs[dst] = alu_op(op, a, b, is64, off)
                    continue
                # pointer arithmetic
                if is64 and isinstance(a, Ptr) and isinstance(b, int) and op in (ADD, SUB):
                    d = sx(b, 64)
                    regs[dst] = Ptr(a.mem, a.off + (d if op == ADD else -d),
                                    a.var or bool(code & X))
                    continue
                if is64 and isinstance(b, Ptr) and isinstance(a, int) and op == ADD:
                    regs[dst] = Ptr(b.mem, b.off + sx(a, 64), True)
                    continue
                if is64 and op == SUB and isinstance(a, Ptr) and isinstance(b, Ptr) and \
                        a.mem is b.mem:
                    regs[dst] = (a.off - b.off) & M64
                    continue
                raise Stop('nondet', f'alu {op:#x} on a pointer')
            if cls == LDX:
                base = self.val(regs, src)
                size = code & 0x18
                n = SIZE_BYTES[size]
                v = self.load(base, off, n)
                self.check_proto(base, v)
                if (code & 0xe0) == MEMSX and isinstance(v, int):
                    v = sx(v, 8 * n) & M64
                regs[dst] = v
                continue
            if cls == STX and (code & 0xe0) == ATOMIC:
                self.atomic(code, dst, src, off, imm, regs)
                continue
            if cls == STX or cls == ST:
                base = self.val(regs, dst)
                n = SIZE_BYTES[code & 0x18]
                v = self.val(regs, src) if cls == STX else imm & M64
                self.store(base, off, n, v)
                continue
            if cls == LD:
                mode = code & 0xe0
                if mode == IMM:
                    hi = ins[pc][4]
                    pc += 1
                    if src == PSEUDO_FUNC:
                        regs[dst] = FnVal(pc - 2 + imm + 1)
                    elif src == PSEUDO_MAP_IDX:
                        regs[dst] = MapVal(self.data if imm == 0 else self.rodata)
                    elif src == PSEUDO_MAP_IDX_VALUE:
                        regs[dst] = Ptr(self.data if imm == 0 else self.rodata, hi)
                    else:
                        regs[dst] = ((hi & M32) << 32) | (imm & M32)
                    continue
                regs[0] = self.ld_abs(mode, code & 0x18, regs, src, imm)
                for r in range(1, 6):
                    regs[r] = None
                continue
            # jumps
            op = code & 0xf0
            if code == (JMP | JCOND):
                continue                              # may_goto: never taken
            if op == JA:
                pc += imm if cls == JMP32 else off
                continue
            if op == EXIT:
                return self.val(regs, 0)
            if op == CALL:
                if code & X:
                    t = self.call_target(self.val(regs, dst))
                    if t is None:
                        regs[0] = 0
                    else:
                        regs[0] = self.run(t, regs[1:6], depth + 1)
                elif src == PSEUDO_CALL:
                    regs[0] = self.run(pc + imm, regs[1:6], depth + 1)
                else:
                    regs[0] = self.helper(imm, regs)
                for r in range(1, 6):
                    regs[r] = None
                continue
            a = self.val(regs, dst)
            b = self.val(regs, src) if code & X else imm & M64
            is64 = cls == JMP
            if isinstance(a, int) and isinstance(b, int):
                t = cond(op, a, b, is64)
            elif isinstance(a, Ptr) and isinstance(b, Ptr) and a.mem is b.mem and is64 and \
                    op != JSET:
                # addresses within one object: their order is the offsets' order
                t = cond(op, a.off + (1 << 40), b.off + (1 << 40), True)
            elif isinstance(a, (Ptr, FnVal, MapVal, CtxVal)) and b == 0 and op in (JEQ, JNE) \
                    and is64:
                t = op == JNE
            else:
                raise Stop('nondet', 'compare of a pointer with a number')
            if t:
                pc += off

    def atomic(self, code, dst, src, off, imm, regs):
        base = self.val(regs, dst)
        n = SIZE_BYTES[code & 0x18]
        is64 = n == 8
        v = self.val(regs, src)
        if not isinstance(base, Ptr):
            raise Stop('oob', 'atomic through a non-pointer')
        old = base.mem.load(base.off + off, n)
        if not isinstance(old, int) or not isinstance(v, int):
            raise Stop('nondet', 'atomic on a pointer')
        if imm == XCHG:
            base.mem.store(base.off + off, n, v)
            regs[src] = old
            return
        if imm == CMPXCHG:
            r0 = self.val(regs, 0)
            if not isinstance(r0, int):
                raise Stop('nondet', 'cmpxchg with a pointer')
            m = M64 if is64 else M32
            if (r0 & m) == old:
                base.mem.store(base.off + off, n, v)
            regs[0] = old
            return
        op = imm & 0xf0
        new = alu_op(op, old, v, is64, 0)
        base.mem.store(base.off + off, n, new)
        if imm & FETCH:
            regs[src] = old

    def outputs(self):
        m = zlib.crc32(bytes(self.data.buf))
        if self.p.ptype == SYSCALL:
            o = zlib.crc32(bytes(self.ctxmem.buf))
        elif self.socket:
            o = zlib.crc32(bytes(14) + bytes(self.pkt.buf))
        else:
            o = zlib.crc32(bytes(self.pkt.buf))
        return m, o


def emulate(prog, inp, step_limit=3_000_000):
    """(verdict, retval, map crc, out crc, why, function) of one run; function:
    where a run that stopped stopped."""
    try:
        m = Machine(prog, inp, step_limit)
        ret = m.run(0, [m.ctx, None, None, None, None])
        if not isinstance(ret, int):
            return ('nondet', None, None, None, 'returns a pointer', 'main')
        mc, oc = m.outputs()
        return ('ok', ret & M32, mc, oc, '', None)
    except Stop as s:
        return (s.verdict, None, None, None, s.why, getattr(s, 'where', None))
    except RecursionError:
        return ('unsupported', None, None, None, 'recursion', None)
    except AsmError as e:
        return ('unsupported', None, None, None, str(e), None)

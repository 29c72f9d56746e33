# SPDX-License-Identifier: GPL-2.0
"""BPF instructions for scripts/fuzz: the program model, the assembler and the
listing.

A program is a list of functions; a function is a list of instructions and
labels. Jumps name a label and calls name a function, so that dropping
instructions (the minimiser) keeps every offset right: assemble() resolves
them into struct bpf_insn records, the BTF blob and the func_info array that
the loader passes to BPF_PROG_LOAD. listing() prints the program in the
assembler syntax of clang and of the selftests' __naked functions.
"""

import struct

# instruction classes, sizes, modes
LD, LDX, ST, STX, ALU, JMP, JMP32, ALU64 = range(8)
W, H, B, DW = 0x00, 0x08, 0x10, 0x18
IMM, ABS, IND, MEM, MEMSX, ATOMIC = 0x00, 0x20, 0x40, 0x60, 0x80, 0xc0
K, X = 0x00, 0x08
SIZE_BYTES = {W: 4, H: 2, B: 1, DW: 8}
SIZE_NAME = {W: 'u32', H: 'u16', B: 'u8', DW: 'u64'}

# ALU operations
ADD, SUB, MUL, DIV, OR, AND, LSH, RSH, NEG, MOD, XOR, MOV, ARSH, END = (
    0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0)
ALU_SYM = {ADD: '+=', SUB: '-=', MUL: '*=', DIV: '/=', OR: '|=', AND: '&=',
           LSH: '<<=', RSH: '>>=', MOD: '%=', XOR: '^=', MOV: '=', ARSH: 's>>='}

# jump operations
JA, JEQ, JGT, JGE, JSET, JNE, JSGT, JSGE, CALL, EXIT, JLT, JLE, JSLT, JSLE, JCOND = (
    0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0)
JMP_SYM = {JEQ: '==', JGT: '>', JGE: '>=', JSET: '&', JNE: '!=', JSGT: 's>',
           JSGE: 's>=', JLT: '<', JLE: '<=', JSLT: 's<', JSLE: 's<='}
# the condition that is true when the given one is false
JMP_NEG = {JEQ: JNE, JNE: JEQ, JGT: JLE, JLE: JGT, JGE: JLT, JLT: JGE,
           JSGT: JSLE, JSLE: JSGT, JSGE: JSLT, JSLT: JSGE}

# atomic operations (imm of BPF_STX | BPF_ATOMIC)
FETCH, XCHG, CMPXCHG = 0x01, 0xe0 | 0x01, 0xf0 | 0x01

# ld_imm64 and call pseudo sources
PSEUDO_MAP_IDX, PSEUDO_MAP_IDX_VALUE, PSEUDO_FUNC, PSEUDO_CALL = 5, 6, 4, 1

# helpers used by generated programs
H_MAP_LOOKUP, H_SKB_LOAD_BYTES, H_LOOP = 1, 26, 181
HELPER_NAME = {H_MAP_LOOKUP: 'bpf_map_lookup_elem', H_SKB_LOAD_BYTES: 'bpf_skb_load_bytes',
               H_LOOP: 'bpf_loop'}

FUNC_PTR_TAG = 0xbffc0000

# program types (enum bpf_prog_type)
SOCKET_FILTER, SCHED_CLS, XDP, SYSCALL = 1, 3, 6, 31
PTYPE_NAME = {SOCKET_FILTER: 'socket', SCHED_CLS: 'tc', XDP: 'xdp', SYSCALL: 'syscall'}
# the value a run-time check ends the main function with (bpf_prog_fail_ret())
FAIL_RET = {SOCKET_FILTER: 0, SCHED_CLS: 2, XDP: 0, SYSCALL: (-1) & 0xffffffff}

MAPS = ('data', 'rodata')


class Insn:
    """One instruction; ld_imm64 is one Insn that assembles to two slots."""
    __slots__ = ('code', 'dst', 'src', 'off', 'imm', 'label', 'func', 'imm64', 'note')

    def __init__(self, code, dst=0, src=0, off=0, imm=0, label=None, func=None, imm64=None,
                 note=None):
        self.code, self.dst, self.src, self.off, self.imm = code, dst, src, off, imm
        self.label, self.func, self.imm64, self.note = label, func, imm64, note

    def wide(self):
        return self.code == (LD | IMM | DW)

    def copy(self):
        return Insn(self.code, self.dst, self.src, self.off, self.imm, self.label, self.func,
                    self.imm64, self.note)

    def to_json(self):
        d = {'c': self.code, 'd': self.dst, 's': self.src, 'o': self.off, 'i': self.imm}
        for k in ('label', 'func', 'imm64', 'note'):
            v = getattr(self, k)
            if v is not None:
                d[k] = v
        return d

    @staticmethod
    def from_json(d):
        return Insn(d['c'], d['d'], d['s'], d['o'], d['i'], d.get('label'), d.get('func'),
                    d.get('imm64'), d.get('note'))


class Label:
    __slots__ = ('name',)

    def __init__(self, name):
        self.name = name

    def to_json(self):
        return {'L': self.name}


class Func:
    def __init__(self, name, nargs, linkage='static', kind='sub'):
        self.name, self.nargs, self.linkage, self.kind = name, nargs, linkage, kind
        self.body = []

    def to_json(self):
        return {'name': self.name, 'nargs': self.nargs, 'linkage': self.linkage,
                'kind': self.kind, 'body': [x.to_json() for x in self.body]}

    @staticmethod
    def from_json(d):
        f = Func(d['name'], d['nargs'], d['linkage'], d['kind'])
        f.body = [Label(x['L']) if 'L' in x else Insn.from_json(x) for x in d['body']]
        return f


class Input:
    """One run: packet (or syscall ctx) bytes and the data map's image."""

    def __init__(self, pkt, image):
        self.pkt, self.image = pkt, image

    def to_json(self):
        return {'pkt': self.pkt.hex(), 'image': self.image.hex()}

    @staticmethod
    def from_json(d):
        return Input(bytes.fromhex(d['pkt']), bytes.fromhex(d['image']))


# flags of a program record (also read by the loader)
F_SLEEPABLE = 1 << 0     # BPF_F_SLEEPABLE
F_MAY_TRIP = 1 << 1      # a run may end in a budget: compare nothing but safety
F_WIDEN_OFF = 1 << 2     # also load with kernel.bpf_loop_widening=0
F_CAPS_BPF = 1 << 3      # load with CAP_BPF + CAP_NET_ADMIN only (no PERFMON/SYS_ADMIN)
F_HARDEN = 1 << 4        # also load with net.core.bpf_jit_harden=2
F_INTERP = 1 << 5        # also load with the interpreter


class Prog:
    def __init__(self):
        self.seed, self.index = 0, 0
        self.ptype = SCHED_CLS
        self.funcs = []
        self.data_size = 256
        self.rodata = bytes(128)
        self.inputs = []
        self.flags = 0
        self.mutation = None     # the deliberate fault, if any
        self.shapes = []         # what the generator put in, for the stats
        self.callx_cands = []    # functions a callx may reach by construction

    def name(self):
        return f'{self.seed}-{self.index}'

    def to_json(self):
        return {'seed': self.seed, 'index': self.index, 'ptype': self.ptype,
                'funcs': [f.to_json() for f in self.funcs], 'data_size': self.data_size,
                'rodata': self.rodata.hex(), 'inputs': [i.to_json() for i in self.inputs],
                'flags': self.flags, 'mutation': self.mutation, 'shapes': self.shapes,
                'callx_cands': self.callx_cands}

    @staticmethod
    def from_json(d):
        p = Prog()
        p.seed, p.index, p.ptype = d['seed'], d['index'], d['ptype']
        p.funcs = [Func.from_json(f) for f in d['funcs']]
        p.data_size, p.rodata = d['data_size'], bytes.fromhex(d['rodata'])
        p.inputs = [Input.from_json(i) for i in d['inputs']]
        p.flags, p.mutation, p.shapes = d['flags'], d.get('mutation'), d.get('shapes', [])
        p.callx_cands = d.get('callx_cands', [])
        return p

    def copy(self):
        return Prog.from_json(self.to_json())

    def insn_count(self):
        return sum(2 if x.wide() else 1 for f in self.funcs for x in f.body if isinstance(x, Insn))


# ---- constructors -------------------------------------------------------

def alu(op, dst, src=None, imm=0, is64=True, off=0):
    cls = ALU64 if is64 else ALU
    if src is None:
        return Insn(cls | op | K, dst, 0, off, imm)
    return Insn(cls | op | X, dst, src, off, 0)


def mov(dst, src=None, imm=0, is64=True):
    return alu(MOV, dst, src, imm, is64)


def ldx(size, dst, src, off, sx=False):
    return Insn(LDX | (MEMSX if sx else MEM) | size, dst, src, off)


def stx(size, dst, off, src):
    return Insn(STX | MEM | size, dst, src, off)


def st(size, dst, off, imm):
    return Insn(ST | MEM | size, dst, 0, off, imm)


def atomic(size, dst, off, src, op):
    return Insn(STX | ATOMIC | size, dst, src, off, op)


def jmp(op, dst, label, src=None, imm=0, is32=False):
    cls = JMP32 if is32 else JMP
    if src is None:
        return Insn(cls | op | K, dst, 0, 0, imm, label=label)
    return Insn(cls | op | X, dst, src, 0, 0, label=label)


def ja(label, far=False):
    if far:
        return Insn(JMP32 | JA, label=label)     # gotol: the offset is imm
    return Insn(JMP | JA, label=label)


def may_goto(label):
    return Insn(JMP | JCOND, label=label)


def call_helper(h):
    return Insn(JMP | CALL, imm=h)


def call_fn(name):
    return Insn(JMP | CALL, src=PSEUDO_CALL, func=name)


def callx(reg):
    return Insn(JMP | CALL | X, dst=reg)


def exit_():
    return Insn(JMP | EXIT)


def ld64(dst, value):
    return Insn(LD | IMM | DW, dst, 0, 0, 0, imm64=value & 0xffffffffffffffff)


def ld_map(dst, m):
    return Insn(LD | IMM | DW, dst, PSEUDO_MAP_IDX, imm64=MAPS.index(m))


def ld_map_value(dst, m, off):
    return Insn(LD | IMM | DW, dst, PSEUDO_MAP_IDX_VALUE, imm64=MAPS.index(m) | (off << 32))


def ld_func(dst, name):
    return Insn(LD | IMM | DW, dst, PSEUDO_FUNC, func=name)


def ld_abs(size, imm):
    return Insn(LD | ABS | size, imm=imm)


def ld_ind(size, src, imm):
    return Insn(LD | IND | size, src=src, imm=imm)


def is_cond_jump(i):
    cls = i.code & 7
    return cls in (JMP, JMP32) and (i.code & 0xf0) not in (CALL, EXIT, JA) and \
        i.code != (JMP | JCOND)


# ---- BTF ----------------------------------------------------------------

BTF_KIND_INT, BTF_KIND_PTR, BTF_KIND_FUNC, BTF_KIND_FUNC_PROTO = 1, 2, 12, 13


def btf_ids(prog):
    """The BTF FUNC id of each function: 1 long, 2 void *, 3..8 protos of
    0..5 longs, 9 the main proto, 10 the bpf_loop callback proto, then one
    FUNC per function in order."""
    return {f.name: 11 + i for i, f in enumerate(prog.funcs)}


def build_btf(prog):
    strs = bytearray(b'\0')
    offs = {}

    def s(name):
        if name not in offs:
            offs[name] = len(strs)
            strs.extend(name.encode() + b'\0')
        return offs[name]

    t = bytearray()
    t += struct.pack('<III', s('long'), BTF_KIND_INT << 24, 8)
    t += struct.pack('<I', (1 << 24) | 64)                      # signed, 64 bits
    t += struct.pack('<III', 0, BTF_KIND_PTR << 24, 0)          # 2: void *
    for n in range(6):                                          # 3..8
        t += struct.pack('<III', 0, (BTF_KIND_FUNC_PROTO << 24) | n, 1)
        for a in range(n):
            t += struct.pack('<II', s(f'a{a}'), 1)
    t += struct.pack('<III', 0, (BTF_KIND_FUNC_PROTO << 24) | 1, 1)   # 9: long (void *)
    t += struct.pack('<II', s('ctx'), 2)
    t += struct.pack('<III', 0, (BTF_KIND_FUNC_PROTO << 24) | 2, 1)   # 10: long (long, void *)
    t += struct.pack('<II', s('idx'), 1)
    t += struct.pack('<II', s('data'), 2)
    for f in prog.funcs:
        if f.kind == 'main':
            proto = 9
        elif f.kind == 'cb':
            proto = 10
        else:
            proto = 3 + min(max(f.nargs, 0), 5)
        linkage = 1 if f.linkage == 'global' else 0
        t += struct.pack('<III', s(f.name), (BTF_KIND_FUNC << 24) | linkage, proto)
    hdr = struct.pack('<HBBIIIII', 0xeb9f, 1, 0, 24, 0, len(t), len(t), len(strs))
    return hdr + bytes(t) + bytes(strs)


# ---- assembler ----------------------------------------------------------

class AsmError(Exception):
    pass


def layout(prog):
    """Positions of functions and labels."""
    pos, fstart, labels = 0, {}, {}
    for f in prog.funcs:
        fstart[f.name] = pos
        for x in f.body:
            if isinstance(x, Label):
                labels[x.name] = pos
            else:
                pos += 2 if x.wide() else 1
    return pos, fstart, labels


def assemble(prog):
    """Returns (list of (code, dst, src, off, imm), func_info [(insn_off, type_id)])."""
    n, fstart, labels = layout(prog)
    ids = btf_ids(prog)
    out = []
    for f in prog.funcs:
        for x in f.body:
            if isinstance(x, Label):
                continue
            pos = len(out)
            off, imm = x.off, x.imm
            if x.label is not None:
                if x.label not in labels:
                    raise AsmError(f'no label {x.label}')
                d = labels[x.label] - (pos + 1)
                if x.code == (JMP32 | JA):
                    imm = d
                else:
                    if not -32768 <= d <= 32767:
                        raise AsmError(f'jump of {d} at {pos} does not fit 16 bits')
                    off = d
            if x.func is not None:
                if x.func not in fstart:
                    raise AsmError(f'no function {x.func}')
                imm = fstart[x.func] - (pos + 1)
            if x.wide():
                v = x.imm64 or 0
                out.append((x.code, x.dst, x.src, 0, imm if x.func else v & 0xffffffff))
                out.append((0, 0, 0, 0, 0 if x.func else v >> 32))
            else:
                out.append((x.code, x.dst, x.src, off, imm))
    finfo = [(fstart[f.name], ids[f.name]) for f in prog.funcs]
    return out, finfo


def encode(insns):
    b = bytearray()
    for code, dst, src, off, imm in insns:
        b += struct.pack('<BBhi', code, (dst & 15) | ((src & 15) << 4),
                         ((off + 0x8000) & 0xffff) - 0x8000,
                         ((imm + 0x80000000) & 0xffffffff) - 0x80000000)
    return bytes(b)


# ---- listing ------------------------------------------------------------

def _r(reg, is64):
    return ('r' if is64 else 'w') + str(reg)


def fmt_insn(x, fstart=None):
    c = x.code
    cls = c & 7
    if cls in (ALU, ALU64):
        is64 = cls == ALU64
        op = c & 0xf0
        d = _r(x.dst, is64)
        srcv = _r(x.src, is64) if c & X else str(x.imm)
        if op == NEG:
            return f'{d} = -{d}'
        if op == END:
            bits = x.imm
            if cls == ALU64:
                return f'{d} = bswap{bits} {d}'
            return f'{_r(x.dst, True)} = {"be" if c & X else "le"}{bits} {_r(x.dst, True)}'
        if op == MOV and x.off and c & X:
            return f'{d} = (s{x.off}){_r(x.src, is64)}'
        if op in (DIV, MOD) and x.off == 1:
            return f'{d} s{ALU_SYM[op]} {srcv}'
        return f'{d} {ALU_SYM[op]} {srcv}'
    if cls == LDX:
        sx = (c & 0xe0) == MEMSX
        sz = SIZE_NAME[c & 0x18]
        if sx:
            sz = 's' + sz[1:]
        return f'r{x.dst} = *({sz} *)(r{x.src} {"+" if x.off >= 0 else "-"} {abs(x.off)})'
    if cls == STX and (c & 0xe0) == ATOMIC:
        sz = c & 0x18
        w = 'r' if sz == DW else 'w'
        a = f'(r{x.dst} {"+" if x.off >= 0 else "-"} {abs(x.off)})'
        if x.imm == XCHG:
            return f'{w}{x.src} = xchg{"_64" if sz == DW else "32_32"}({a[1:-1]}, {w}{x.src})'
        if x.imm == CMPXCHG:
            return f'{w}0 = cmpxchg{"_64" if sz == DW else "32_32"}({a[1:-1]}, {w}0, {w}{x.src})'
        opn = {ADD: 'add', OR: 'or', AND: 'and', XOR: 'xor'}[x.imm & 0xf0]
        if x.imm & FETCH:
            return f'{w}{x.src} = atomic_fetch_{opn}(({SIZE_NAME[sz]} *){a}, {w}{x.src})'
        sym = {ADD: '+=', OR: '|=', AND: '&=', XOR: '^='}[x.imm & 0xf0]
        return f'lock *({SIZE_NAME[sz]} *){a} {sym} {w}{x.src}'
    if cls in (STX, ST):
        a = f'*({SIZE_NAME[c & 0x18]} *)(r{x.dst} {"+" if x.off >= 0 else "-"} {abs(x.off)})'
        return f'{a} = {("r" + str(x.src)) if cls == STX else x.imm}'
    if cls == LD:
        mode = c & 0xe0
        if mode == IMM:
            if x.src == PSEUDO_FUNC:
                return f'r{x.dst} = {x.func} ll'
            v = x.imm64 or 0
            if x.src == PSEUDO_MAP_IDX:
                return f'r{x.dst} = map[{MAPS[v & 0xffffffff]}] ll'
            if x.src == PSEUDO_MAP_IDX_VALUE:
                return f'r{x.dst} = &{MAPS[v & 0xffffffff]}[{v >> 32}] ll'
            return f'r{x.dst} = {v:#x} ll'
        sz = SIZE_NAME[c & 0x18]
        if mode == ABS:
            return f'r0 = *({sz} *)skb[{x.imm}]'
        return f'r0 = *({sz} *)skb[r{x.src} + {x.imm}]'
    if cls in (JMP, JMP32):
        op = c & 0xf0
        tgt = x.label if x.label is not None else f'{x.off:+d}'
        if c == (JMP | JCOND):
            return f'may_goto {tgt}'
        if op == JA:
            return f'gotol {tgt}' if cls == JMP32 else f'goto {tgt}'
        if op == CALL:
            if c & X:
                return f'callx r{x.dst}'
            if x.src == PSEUDO_CALL:
                return f'call {x.func}'
            return f'call {HELPER_NAME.get(x.imm, x.imm)}'
        if op == EXIT:
            return 'exit'
        is64 = cls == JMP
        srcv = _r(x.src, is64) if c & X else str(x.imm)
        return f'if {_r(x.dst, is64)} {JMP_SYM.get(op, "?")} {srcv} goto {tgt}'
    return f'.8byte code={c:#x} dst={x.dst} src={x.src} off={x.off} imm={x.imm}'


def listing(prog):
    """The program as text: one function after the other, labels on their own lines."""
    out = []
    n, fstart, _ = layout(prog)
    out.append(f'; program {prog.name()}: {PTYPE_NAME.get(prog.ptype, prog.ptype)}, '
               f'{n} insns, data map {prog.data_size} bytes, flags {prog.flags:#x}'
               + (f', mutation {prog.mutation}' if prog.mutation else ''))
    for f in prog.funcs:
        out.append(f'{f.name}:  ; {f.kind}, {f.linkage}, {f.nargs} args, insn {fstart[f.name]}')
        pos = fstart[f.name]
        for x in f.body:
            if isinstance(x, Label):
                out.append(f'{x.name}:')
                continue
            note = f'  ; {x.note}' if x.note else ''
            out.append(f'  {pos:5d}: {fmt_insn(x)}{note}')
            pos += 2 if x.wide() else 1
    return '\n'.join(out)


# ---- the record the loader reads ------------------------------------------

def record(prog):
    insns, finfo = assemble(prog)
    btf = build_btf(prog) if len(prog.funcs) > 1 else b''
    if not btf:
        finfo = []
    b = bytearray()
    b += struct.pack('<IIII', prog.index, prog.ptype, prog.flags, len(insns))
    b += encode(insns)
    b += struct.pack('<I', len(btf)) + btf
    b += struct.pack('<I', len(finfo))
    for o, t in finfo:
        b += struct.pack('<II', o, t)
    b += struct.pack('<II', prog.data_size, len(prog.rodata)) + prog.rodata
    b += struct.pack('<I', len(prog.inputs))
    for inp in prog.inputs:
        assert len(inp.image) == prog.data_size
        b += struct.pack('<I', len(inp.pkt)) + inp.pkt + inp.image
    return struct.pack('<I', len(b)) + bytes(b)


def write_records(path, progs):
    with open(path, 'wb') as fp:
        fp.write(b'BLFZ' + struct.pack('<II', 1, len(progs)))
        for p in progs:
            fp.write(record(p))

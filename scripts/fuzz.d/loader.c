// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-loader: the guest half of scripts/fuzz. It reads the programs that
 * scripts/fuzz generated (a file of records, see bpfasm.py: record()), and
 * for each one creates its two maps (a writable one-entry array "data" and a
 * frozen read-only "rodata"), loads it under each configuration the record
 * asks for (JIT / interpreter, kernel.bpf_loop_widening on / off, constant
 * blinding), and runs every accepted load with BPF_PROG_TEST_RUN on each of
 * the record's inputs, the data map reset to the input's image first. It
 * prints one line per event on stdout; scripts/fuzz compares them:
 *
 *   S <idx>                                   about to load program idx
 *   L <idx> <cfg> <ok> <errno> <jited> <verified insns> <ms> <notes> <why>
 *   R <idx> <cfg> <input> <errno> <retval> <crc32 of map> <crc32 of packet/ctx>
 *   E <idx>
 *   W <idx> ...                               a load or run stuck for a minute: where
 *
 * Raw bpf(2) calls only, no libbpf: it is linked statically and runs in the
 * busybox initramfs of scripts/boot.
 *
 *   fuzz-loader FILE [-g] [-v] [-t LOAD_TIMEOUT_S] [-d DEADLINE_S] [-w STUCK_S]
 *
 * -g prints the log lines that led to a "verifier bug" (D vlog ...).
 * -d stops starting programs after that many seconds (T reports how many ran).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define F_SLEEPABLE	(1u << 0)
#define F_MAY_TRIP	(1u << 1)
#define F_WIDEN_OFF	(1u << 2)
#define F_CAPS_BPF	(1u << 3)
#define F_HARDEN	(1u << 4)
#define F_INTERP	(1u << 5)

#define PROG_SOCKET	1
#define PROG_SYSCALL	31
#define LOG_JSON	16
#define LOG_SIZE	(1u << 20)
#define OUT_SIZE	8192

#ifndef CAP_PERFMON
#define CAP_PERFMON	38
#endif
#ifndef CAP_BPF
#define CAP_BPF		39
#endif

struct cfg {
	const char *name;
	int jit, widen, harden;
	unsigned int need;	/* the record flag that asks for it; 0: always */
};

/* cfg 0 is the reference: the JIT with widening, as bpf-lift ships */
static const struct cfg cfgs[] = {
	{ "jit", 1, 1, 0, 0 },
	{ "interp", 0, 1, 0, F_INTERP },
	{ "nowiden", 1, 0, 0, F_WIDEN_OFF },
	{ "blind", 1, 1, 2, F_HARDEN },
};
#define NCFG (sizeof(cfgs) / sizeof(cfgs[0]))

static int verbose;
static unsigned int load_timeout = 20;
static unsigned int deadline;
static char *logbuf;
static int json_log = 1;
static int kmsg = -1;		/* marks in the kernel log: which program ran when */	/* the kernel has bpf-lift's BPF_LOG_JSON */
static struct __user_cap_data_struct caps_full[2];

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static uint32_t crc_table[256];

static void crc_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

/* the same as Python's zlib.crc32 */
static uint32_t crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void die(const char *what)
{
	printf("X fatal: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void write_sysctl(const char *path, int val)
{
	char s[16];
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return;
	snprintf(s, sizeof(s), "%d\n", val);
	if (write(fd, s, strlen(s)) < 0)
		printf("X cannot write %s: %s\n", path, strerror(errno));
	close(fd);
}

static void set_cfg(const struct cfg *c)
{
	write_sysctl("/proc/sys/net/core/bpf_jit_enable", c->jit);
	write_sysctl("/proc/sys/net/core/bpf_jit_harden", c->harden);
	write_sysctl("/proc/sys/kernel/bpf_loop_widening", c->widen);
}

/* the effective set: everything, or CAP_BPF + CAP_NET_ADMIN only */
static void set_caps(int bpf_only)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memcpy(d, caps_full, sizeof(d));
	if (bpf_only) {
		d[0].effective = 1u << CAP_NET_ADMIN;
		d[1].effective = 1u << (CAP_BPF - 32);
	}
	if (syscall(SYS_capset, &h, d))
		die("capset");
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void arm(unsigned int s)
{
	struct itimerval it = { { 0, 0 }, { s, 0 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * The watchdog: a child process that, when a load or a run has not returned
 * for STUCK_S seconds, prints the stuck task's kernel stack and the functions
 * it runs (the function tracer, for a moment) before scripts/boot's HANG
 * watchdog ends the guest.
 */
static unsigned int stuck_s = 60;	/* -w: 0 turns the watchdog off */

struct watch {
	volatile double since;		/* when the phase began; 0: none */
	volatile uint32_t idx;
	volatile int phase;		/* 1 load, 2 run */
	volatile int dumped;
};

static struct watch *watch;

static void phase(uint32_t idx, int p)
{
	if (!watch)
		return;
	watch->idx = idx;
	watch->phase = p;
	watch->dumped = 0;
	watch->since = p ? now_ms() : 0;
}

static void print_file(const char *what, uint32_t idx, const char *path, int max)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (max-- > 0 && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] && line[0] != '#')
			printf("W %u %s %s\n", idx, what, line);
	}
	fclose(f);
}

static void dump_stuck(pid_t pid, uint32_t idx, int ph, double secs)
{
	static char counts[64][96];
	static int hits[64];
	char path[64], line[512];
	int i, n = 0;
	FILE *f;

	printf("W %u stuck in a %s for %.0f s\n", idx, ph == 1 ? "load" : "test run", secs);
	snprintf(path, sizeof(path), "/proc/%d/stack", pid);
	print_file("stack", idx, path, 40);
	fflush(stdout);
	/* which kernel functions it runs: the function tracer on its pid, briefly */
	snprintf(line, sizeof(line), "%d", pid);
	f = fopen("/sys/kernel/tracing/set_ftrace_pid", "w");
	if (!f)
		return;
	fputs(line, f);
	fclose(f);
	f = fopen("/sys/kernel/tracing/current_tracer", "w");
	if (!f)
		return;
	fputs("function", f);
	fclose(f);
	usleep(300000);
	f = fopen("/sys/kernel/tracing/current_tracer", "w");
	if (f) {
		fputs("nop", f);
		fclose(f);
	}
	f = fopen("/sys/kernel/tracing/trace", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, ": "), *q;

		if (line[0] == '#' || !p)
			continue;
		p += 2;
		q = strstr(p, " <-");
		if (q)
			*q = 0;
		p[strcspn(p, "\n")] = 0;
		for (i = 0; i < n && strcmp(counts[i], p); i++)
			;
		if (i == n && n < 64)
			snprintf(counts[n++], sizeof(counts[0]), "%s", p);
		if (i < 64)
			hits[i]++;
	}
	fclose(f);
	for (i = 0; i < n; i++)
		printf("W %u ftrace %d %s\n", idx, hits[i], counts[i]);
	fflush(stdout);
}

static void start_watchdog(void)
{
	pid_t parent = getpid(), pid;

	watch = mmap(NULL, sizeof(*watch), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		     -1, 0);
	if (watch == MAP_FAILED) {
		watch = NULL;
		return;
	}
	memset((void *)watch, 0, sizeof(*watch));
	pid = fork();
	if (pid)
		return;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	for (;;) {
		double since = watch->since;

		sleep(5);
		if (since && since == watch->since && !watch->dumped &&
		    now_ms() - since > stuck_s * 1e3) {
			watch->dumped = 1;
			dump_stuck(parent, watch->idx, watch->phase, (now_ms() - since) / 1e3);
		}
		if (getppid() != parent)
			_exit(0);
	}
}

struct rec {
	uint32_t idx, type, flags, insn_cnt;
	const void *insns;
	uint32_t btf_len;
	const void *btf;
	uint32_t finfo_cnt;
	const void *finfo;
	uint32_t data_size, rodata_size;
	const unsigned char *rodata;
	uint32_t ninputs;
	const unsigned char *inputs;	/* u32 len, bytes, image (data_size) each */
};

static const unsigned char *cur, *end;

static uint32_t get32(void)
{
	uint32_t v;

	if (cur + 4 > end) {
		printf("X truncated file\n");
		exit(2);
	}
	memcpy(&v, cur, 4);
	cur += 4;
	return v;
}

static const void *take(size_t n)
{
	const void *p = cur;

	if (cur + n > end) {
		printf("X truncated record\n");
		exit(2);
	}
	cur += n;
	return p;
}

static void parse(struct rec *r)
{
	uint32_t len = get32(), i, n;
	const unsigned char *stop = cur + len;

	r->idx = get32();
	r->type = get32();
	r->flags = get32();
	r->insn_cnt = get32();
	r->insns = take(8ul * r->insn_cnt);
	r->btf_len = get32();
	r->btf = take(r->btf_len);
	r->finfo_cnt = get32();
	r->finfo = take(8ul * r->finfo_cnt);
	r->data_size = get32();
	r->rodata_size = get32();
	r->rodata = take(r->rodata_size);
	r->ninputs = get32();
	r->inputs = cur;
	for (i = 0; i < r->ninputs; i++) {
		n = get32();
		take(n + r->data_size);
	}
	if (cur != stop) {
		printf("X bad record %u\n", r->idx);
		exit(2);
	}
}

static int map_create(uint32_t value_size, uint32_t flags, const char *name)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.map_type = BPF_MAP_TYPE_ARRAY;
	a.key_size = 4;
	a.value_size = value_size;
	a.max_entries = 1;
	a.map_flags = flags;
	strncpy(a.map_name, name, sizeof(a.map_name) - 1);
	return sys_bpf(BPF_MAP_CREATE, &a);
}

static int map_set(int fd, const void *val)
{
	union bpf_attr a;
	uint32_t key = 0;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uint64_t)(unsigned long)&key;
	a.value = (uint64_t)(unsigned long)val;
	return sys_bpf(BPF_MAP_UPDATE_ELEM, &a);
}

static int map_get(int fd, void *val)
{
	union bpf_attr a;
	uint32_t key = 0;

	memset(&a, 0, sizeof(a));
	a.map_fd = fd;
	a.key = (uint64_t)(unsigned long)&key;
	a.value = (uint64_t)(unsigned long)val;
	return sys_bpf(BPF_MAP_LOOKUP_ELEM, &a);
}

/* the last error of a JSON log, as "V0012 message" on one line */
static void log_reason(char *out, size_t n)
{
	char *p = NULL, *q, *s = logbuf;
	size_t k = 0;

	while ((q = strstr(s, "\"severity\":\"error\"")) != NULL) {
		p = q;
		s = q + 1;
	}
	out[0] = 0;
	if (!p)
		return;
	q = strstr(p, "\"code\":\"");
	if (q) {
		q += 8;
		while (*q && *q != '"' && k < n - 2)
			out[k++] = *q++;
		out[k++] = ' ';
	}
	q = strstr(p, "\"message\":\"");
	if (q) {
		q += 11;
		while (*q && *q != '"' && k < n - 1) {
			if (*q == '\\' && q[1])
				q++;
			out[k++] = (*q == ' ' || *q == '\n' || *q == '\t') ? '_' : *q;
			q++;
		}
	}
	out[k] = 0;
}

/*
 * the reason in a text log (level 1): the line before the coded error, or
 * the last line that is not a statistic
 */
static void text_reason(char *out, size_t n)
{
	char *line = NULL, *prev = NULL, *s, *nl;
	size_t k = 0;

	for (s = logbuf; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s);
		if (!strncmp(s, "error[", 6)) {
			line = prev;
			break;
		}
		if (nl > s && strncmp(s, "processed ", 10) && strncmp(s, "verification time", 17) &&
		    strncmp(s, "stack depth", 11) && *s != ' ' && *s != '=' && *s != '|')
			line = prev = s;
		if (!*nl)
			break;
	}
	while (line && *line && *line != '\n' && k < n - 1) {
		out[k++] = *line == ' ' ? '_' : *line;
		line++;
	}
	out[k] = 0;
}

/* notes the load made: loops checked at run time, index checks, callx checks */
static void log_notes(char *out, size_t n)
{
	static const char *const codes[] = { "V0032", "V0033", "V0037" };
	char key[32];
	const char *s;
	unsigned int i, c;
	size_t k = 0;

	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "\"code\":\"%s\"", codes[i]);
		for (c = 0, s = logbuf; (s = strstr(s, key)) != NULL; s++)
			c++;
		k += snprintf(out + k, n - k, "%s%u", i ? "," : "", c);
	}
}

/* the attributes of a load of @r, without a log */
static void load_attr(union bpf_attr *a, const struct rec *r, int btf_fd, const int *fds)
{
	memset(a, 0, sizeof(*a));
	a->prog_type = r->type;
	a->insns = (uint64_t)(unsigned long)r->insns;
	a->insn_cnt = r->insn_cnt;
	a->license = (uint64_t)(unsigned long)"GPL";
	a->prog_flags = (r->flags & F_SLEEPABLE) ? BPF_F_SLEEPABLE : 0;
	a->fd_array = (uint64_t)(unsigned long)fds;
	if (r->btf_len) {
		a->prog_btf_fd = btf_fd;
		a->func_info_rec_size = 8;
		a->func_info = (uint64_t)(unsigned long)r->finfo;
		a->func_info_cnt = r->finfo_cnt;
	}
}

static int prog_load(const struct rec *r, const struct cfg *c, int btf_fd,
		     const int *fds, int *err, char *why, size_t whylen,
		     char *notes, size_t noteslen)
{
	union bpf_attr a;
	int fd;

	load_attr(&a, r, btf_fd, fds);
	if (json_log) {
		a.log_level = LOG_JSON;
		a.log_buf = (uint64_t)(unsigned long)logbuf;
		a.log_size = LOG_SIZE;
	}
	snprintf(a.prog_name, sizeof(a.prog_name), "fuzz_%u", r->idx);
	logbuf[0] = 0;
	set_caps(!!(r->flags & F_CAPS_BPF));
	arm(load_timeout);
	phase(r->idx, 1);
	fd = sys_bpf(BPF_PROG_LOAD, &a);
	phase(r->idx, 0);
	*err = fd < 0 ? errno : 0;
	arm(0);
	log_reason(why, whylen);
	log_notes(notes, noteslen);
	if (fd < 0 && *err != EINTR && *err != EAGAIN && *err != E2BIG &&
	    (!json_log || *err == EFAULT || strlen(why) <= 6)) {
		/* no JSON log (stock) or no message in it: the text log says why */
		char code[8] = "";

		if (json_log)
			snprintf(code, sizeof(code), "%.5s_", why);
		a.log_level = 1;
		a.log_buf = (uint64_t)(unsigned long)logbuf;
		a.log_size = LOG_SIZE;
		logbuf[0] = 0;
		arm(load_timeout);
		phase(r->idx, 1);
		sys_bpf(BPF_PROG_LOAD, &a);
		phase(r->idx, 0);
		arm(0);
		snprintf(why, whylen, "%s", code);
		text_reason(why + strlen(code), whylen - strlen(code));
		if (!why[strlen(code)])
			snprintf(why + strlen(code), whylen - strlen(code), "no_message_in_the_log");
	}
	set_caps(0);
	(void)c;
	return fd;
}

/* does the kernel take BPF_LOG_JSON (bpf-lift) */
static int probe_json(void)
{
	static const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (uint64_t)(unsigned long)ret0;
	a.insn_cnt = 2;
	a.license = (uint64_t)(unsigned long)"GPL";
	a.log_level = LOG_JSON;
	a.log_buf = (uint64_t)(unsigned long)logbuf;
	a.log_size = LOG_SIZE;
	fd = sys_bpf(BPF_PROG_LOAD, &a);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static void prog_info(int fd, uint32_t *jited, uint32_t *verified)
{
	struct bpf_prog_info info;
	union bpf_attr a;

	memset(&info, 0, sizeof(info));
	memset(&a, 0, sizeof(a));
	a.info.bpf_fd = fd;
	a.info.info_len = sizeof(info);
	a.info.info = (uint64_t)(unsigned long)&info;
	*jited = *verified = 0;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &a) == 0) {
		*jited = info.jited_prog_len;
		*verified = info.verified_insns;
	}
}

/*
 * -g: load the program once more with the instruction-level log (level 2)
 * and print the lines that led to the first "verifier bug" in it, if any.
 */
#define BUG_LOG_SIZE	(256u << 20)
#define BUG_LOG_LINES	80

static int bug_log;

static void print_bug_log(const struct rec *r, int btf_fd, const int *fds)
{
	static char *big;
	const char *bug, *p;
	union bpf_attr a;
	int n, fd, level;

	if (!big && !(big = malloc(BUG_LOG_SIZE)))
		return;
	for (level = LOG_JSON; ; level = 2) {
		load_attr(&a, r, btf_fd, fds);
		a.log_level = level;
		a.log_buf = (uint64_t)(unsigned long)big;
		a.log_size = BUG_LOG_SIZE;
		big[0] = 0;
		set_caps(!!(r->flags & F_CAPS_BPF));
		arm(load_timeout);
		fd = sys_bpf(BPF_PROG_LOAD, &a);
		arm(0);
		set_caps(0);
		if (fd >= 0)
			close(fd);
		if (level == 2)
			break;
		/* the JSON log as the load had it: the record that names the bug */
		bug = strstr(big, "verifier bug");
		if (bug)
			printf("D vlog json: %.600s\n", bug > big + 300 ? bug - 300 : big);
	}
	bug = strstr(big, "INVARIANTS");
	if (!bug)
		bug = strstr(big, "verifier bug");
	if (!bug) {
		printf("D vlog (no verifier bug in %zu bytes of log, load %s)\n", strlen(big),
		       fd >= 0 ? "accepted" : "refused");
		return;
	}
	for (p = bug, n = 0; p > big && n <= BUG_LOG_LINES; p--)
		n += p[-1] == '\n';
	while (p < bug + strcspn(bug, "\n")) {
		int len = strcspn(p, "\n");

		printf("D vlog %.*s\n", len, p);
		p += len + (p[len] == '\n');
	}
}

static void hexdump(const char *what, const unsigned char *p, size_t n)
{
	size_t i;

	printf("D %s ", what);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static void run_inputs(const struct rec *r, int ci, int pfd, int data_fd)
{
	static unsigned char out[OUT_SIZE], ctx[65536], mapv[1 << 20];
	const unsigned char *p = r->inputs;
	union bpf_attr a;
	uint32_t i, n, mcrc, ocrc;
	int err;

	for (i = 0; i < r->ninputs; i++) {
		memcpy(&n, p, 4);
		p += 4;
		if (map_set(data_fd, p + n))
			die("map reset");
		memset(&a, 0, sizeof(a));
		a.test.prog_fd = pfd;
		if (r->type == PROG_SYSCALL) {
			memcpy(ctx, p, n);
			a.test.ctx_in = (uint64_t)(unsigned long)ctx;
			a.test.ctx_size_in = n;
		} else {
			memset(out, 0, sizeof(out));
			a.test.data_in = (uint64_t)(unsigned long)p;
			a.test.data_size_in = n;
			a.test.data_out = (uint64_t)(unsigned long)out;
			a.test.data_size_out = sizeof(out);
			a.test.repeat = 1;
		}
		phase(r->idx, 2);
		err = sys_bpf(BPF_PROG_TEST_RUN, &a) ? errno : 0;
		phase(r->idx, 0);
		if (map_get(data_fd, mapv))
			die("map read");
		mcrc = crc32(mapv, r->data_size);
		if (r->type == PROG_SYSCALL)
			ocrc = crc32(ctx, n);
		else
			ocrc = crc32(out, a.test.data_size_out < sizeof(out) ? a.test.data_size_out : 0);
		printf("R %u %d %u %d %u %08x %08x\n", r->idx, ci, i, err, a.test.retval, mcrc, ocrc);
		if (verbose) {
			hexdump("map", mapv, r->data_size);
			if (r->type == PROG_SYSCALL)
				hexdump("ctx", ctx, n);
			else
				hexdump("out", out, a.test.data_size_out < sizeof(out) ?
					a.test.data_size_out : 0);
		}
		fflush(stdout);
		p += n + r->data_size;
	}
}

static void do_prog(const struct rec *r)
{
	char why[512], notes[64];
	union bpf_attr a;
	int fds[2], btf_fd = -1, pfd, err, accepted0 = -1;
	uint32_t jited, verified;
	unsigned int ci;
	double t;

	printf("S %u\n", r->idx);
	fflush(stdout);
	if (kmsg >= 0) {
		char m[48];

		snprintf(m, sizeof(m), "<6>fuzz: program %u\n", r->idx);
		if (write(kmsg, m, strlen(m)) < 0)
			kmsg = -1;
	}
	/* a WARN_ONCE of the verifier is reported for each program, not once a boot */
	write_sysctl("/sys/kernel/debug/clear_warn_once", 1);
	fds[0] = map_create(r->data_size, 0, "data");
	fds[1] = map_create(r->rodata_size, BPF_F_RDONLY_PROG, "rodata");
	if (fds[0] < 0 || fds[1] < 0)
		die("map create");
	if (map_set(fds[1], r->rodata))
		die("rodata");
	memset(&a, 0, sizeof(a));
	a.map_fd = fds[1];
	if (sys_bpf(BPF_MAP_FREEZE, &a))
		die("freeze");
	if (r->btf_len) {
		memset(&a, 0, sizeof(a));
		a.btf = (uint64_t)(unsigned long)r->btf;
		a.btf_size = r->btf_len;
		a.btf_log_buf = (uint64_t)(unsigned long)logbuf;
		a.btf_log_size = LOG_SIZE;
		a.btf_log_level = 1;
		logbuf[0] = 0;
		btf_fd = sys_bpf(BPF_BTF_LOAD, &a);
		if (btf_fd < 0) {
			char *s;

			for (s = logbuf; *s; s++)
				if (*s == ' ' || *s == '\n')
					*s = '_';
			printf("L %u 0 0 %d 0 0 0 0,0,0 btf:%.200s\n", r->idx, errno, logbuf);
			goto out;
		}
	}
	for (ci = 0; ci < NCFG; ci++) {
		const struct cfg *c = &cfgs[ci];

		if (c->need && !(r->flags & c->need))
			continue;
		/* a program the reference rejects is loaded again with widening off only */
		if (accepted0 == 0 && c->widen)
			continue;
		set_cfg(c);
		/* the globals' contents at load time decide the callx candidates */
		if (map_set(fds[0], r->inputs + 4 + *(const uint32_t *)r->inputs))
			die("map reset");
		t = now_ms();
		pfd = prog_load(r, c, btf_fd, fds, &err, why, sizeof(why), notes, sizeof(notes));
		t = now_ms() - t;
		jited = verified = 0;
		if (pfd >= 0)
			prog_info(pfd, &jited, &verified);
		if (ci == 0)
			accepted0 = pfd >= 0;
		printf("L %u %u %d %d %d %u %.0f %s %s\n", r->idx, ci, pfd >= 0, err, jited > 0,
		       verified, t, notes, why[0] && pfd < 0 ? why : "-");
		if (verbose)
			printf("D log %s\n", logbuf);
		if (bug_log && (ci == 0 || (pfd < 0 && err == EFAULT)))
			print_bug_log(r, btf_fd, fds);
		fflush(stdout);
		if (pfd >= 0) {
			run_inputs(r, ci, pfd, fds[0]);
			close(pfd);
		}
	}
out:
	set_cfg(&cfgs[0]);
	if (btf_fd >= 0)
		close(btf_fd);
	close(fds[0]);
	close(fds[1]);
	printf("E %u\n", r->idx);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct sigaction sa;
	unsigned char *buf;
	uint32_t i, count;
	double t0;
	long size;
	FILE *f;
	int opt;

	while ((opt = getopt(argc, argv, "gvt:d:w:")) != -1) {
		if (opt == 'v')
			verbose = 1;
		else if (opt == 'g')
			bug_log = 1;
		else if (opt == 't')
			load_timeout = atoi(optarg);
		else if (opt == 'd')
			deadline = atoi(optarg);
		else if (opt == 'w')
			stuck_s = atoi(optarg);
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: fuzz-loader FILE [-g] [-v] [-t LOAD_TIMEOUT_S] [-d DEADLINE_S] [-w STUCK_S]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	crc_init();
	logbuf = malloc(LOG_SIZE);
	f = fopen(argv[optind], "rb");
	if (!f || !logbuf)
		die("open");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(size);
	if (!buf || fread(buf, 1, size, f) != (size_t)size)
		die("read");
	fclose(f);
	cur = buf;
	end = buf + size;
	if (size < 12 || memcmp(buf, "BLFZ", 4)) {
		printf("X not a fuzz file\n");
		return 2;
	}
	cur += 8;
	count = get32();

	if (syscall(SYS_capget, &h, caps_full))
		die("capget");
	json_log = probe_json();
	/* the marks must not be rate limited: they tell which program a report is of */
	{
		int fd = open("/proc/sys/kernel/printk_devkmsg", O_WRONLY);

		if (fd >= 0) {
			if (write(fd, "on\n", 3) < 0)
				printf("X cannot write printk_devkmsg\n");
			close(fd);
		}
	}
	kmsg = open("/dev/kmsg", O_WRONLY);
	if (stuck_s)
		start_watchdog();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: a long load gets EINTR/EAGAIN */
	sigaction(SIGALRM, &sa, NULL);
	/* a load the verifier cannot finish costs mainline's limit, not 8M insns */
	write_sysctl("/proc/sys/kernel/bpf_complexity_limit_insns", 1000000);

	t0 = now_ms();
	for (i = 0; i < count; i++) {
		struct rec r;

		if (deadline && now_ms() - t0 > deadline * 1e3)
			break;
		parse(&r);
		do_prog(&r);
	}
	printf("T %u %.3f\n", i, (now_ms() - t0) / 1e3);
	write_sysctl("/proc/sys/kernel/bpf_complexity_limit_insns", 8000000);
	return 0;
}

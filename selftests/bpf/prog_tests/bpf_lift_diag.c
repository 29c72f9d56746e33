// SPDX-License-Identifier: GPL-2.0
/* bpf-lift's coded verifier errors: the text log and BPF_LOG_JSON. */

#include <test_progs.h>
#include <linux/bits.h>
#include <linux/filter.h>
#include "cap_helpers.h"
#include "unpriv_helpers.h"
#include "bpf_lift_json.h"
#include "bpf_lift_diag.skel.h"
#include "bpf_lift_diag_trace.skel.h"

/* Every program of bpf_lift_diag.c: its code's block ends the log. */
void test_bpf_lift_diag(void)
{
	RUN_TESTS(bpf_lift_diag);
}

/*
 * Loads program @name of bpf_lift_diag_trace alone with BPF_LOG_JSON and no
 * other level, and checks the message of the rejection, its last object.
 */
static void diag_json_message(const char *name, const char *want)
{
	struct bpf_lift_diag_trace *skel;
	struct bpf_program *prog;
	struct json_obj obj;
	char log[8192], str[128];

	skel = bpf_lift_diag_trace__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return;
	bpf_object__for_each_program(prog, skel->obj) {
		bool me = !strcmp(bpf_program__name(prog), name);

		bpf_program__set_autoload(prog, me);
		if (!me)
			continue;
		bpf_program__set_log_level(prog, BPF_LOG_JSON);
		bpf_program__set_log_buf(prog, log, sizeof(log));
	}
	log[0] = '\0';
	if (!ASSERT_ERR(bpf_lift_diag_trace__load(skel), "load fails"))
		goto out;
	if (!ASSERT_GT(json_check_lines(log, &obj), 0, "log holds JSON objects") ||
	    !ASSERT_TRUE(json_get_str(&obj, "message", str, sizeof(str)), "message") ||
	    !ASSERT_STREQ(str, want, "message"))
		fprintf(stderr, "log of %s:\n%s\n", name, log);
out:
	bpf_lift_diag_trace__destroy(skel);
}

/* A message without a code is what its call site prints, not the trace. */
void test_bpf_lift_diag_trace(void)
{
	RUN_TESTS(bpf_lift_diag_trace);

	if (test__start_subtest("json_alone_source_line"))
		diag_json_message("spill_half_a_pointer", "invalid size of register spill");
	if (test__start_subtest("json_alone_frame"))
		diag_json_message("frame_pointer_write", "frame pointer is read only");
}

/* The validator itself, on what a broken log could hold. */
static void test_json_validator(void)
{
	static const char *const good[] = {
		"{}",
		"{\"a\":1}",
		" {\"a\" : [1, -2.5e+3, 0, true, false, null, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"] } ",
		"{\"a\":{\"b\":[{},[]]},\"c\":\"\"}",
	};
	static const char *const bad[] = {
		"", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":01}",
		"{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
		"{\"a\":\"x}", "{\"a\":1}}", "{\"a\":1} x", "{\"a\":[1,]}", "{\"a\":\"\t\"}",
		"{\"a\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}",
	};
	struct json_obj obj;
	char str[8];
	long long v;
	int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		if (!ASSERT_TRUE(json_parse_object(good[i], good[i] + strlen(good[i]), &obj),
				 good[i]))
			return;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (!ASSERT_FALSE(json_parse_object(bad[i], bad[i] + strlen(bad[i]), &obj), bad[i]))
			return;
	json_parse_object(good[3], good[3] + strlen(good[3]), &obj);
	ASSERT_EQ(obj.cnt, 2, "outermost members only");
	ASSERT_TRUE(json_get_str(&obj, "c", str, sizeof(str)) && !str[0], "empty string");
	ASSERT_FALSE(json_get_int(&obj, "a", &v), "object is no integer");
}

/* Does every "reg" of the registers array name one of R0..R10? */
static bool json_regs_valid(const struct json_member *regs)
{
	const char *key = "\"reg\":\"R", *p = regs->val;
	size_t len = regs->val_end - regs->val;
	char *end;
	long r;

	if (!len || *p != '[')
		return false;
	while ((p = memmem(p, regs->val_end - p, key, strlen(key)))) {
		p += strlen(key);
		r = strtol(p, &end, 10);
		if (end == p || *end != '"' || r < 0 || r > 10)
			return false;
	}
	return true;
}

/* Rejected only when unprivileged: loaded without CAP_BPF and friends. */
static const int diag_unpriv_codes[] = { 12, 16, 18, 21, 23, 24, 31 };

#define DIAG_CAPS (BIT_ULL(CAP_SYS_ADMIN) | BIT_ULL(CAP_NET_ADMIN) | \
		   BIT_ULL(CAP_PERFMON) | BIT_ULL(CAP_BPF))

/*
 * Loads program @name of bpf_lift_diag alone, at @log_level into @log.
 * The maps and the BTF are created with privileges; the program itself is
 * loaded without them when @unpriv. Returns the load's error.
 */
static int diag_load(const char *name, bool unpriv, __u32 log_level, char *log, size_t log_sz)
{
	struct bpf_program *prog, *target = NULL;
	struct bpf_lift_diag *skel;
	__u64 old_caps = 0;
	int err;

	skel = bpf_lift_diag__open();
	if (!ASSERT_OK_PTR(skel, "open"))
		return -EINVAL;
	bpf_object__for_each_program(prog, skel->obj) {
		bool me = !strcmp(bpf_program__name(prog), name);

		bpf_program__set_autoload(prog, me);
		if (me)
			target = prog;
	}
	if (!ASSERT_OK_PTR(target, name)) {
		err = -ENOENT;
		goto out;
	}
	bpf_program__set_log_level(target, log_level);
	bpf_program__set_log_buf(target, log, log_sz);
	err = bpf_object__prepare(skel->obj);
	if (!ASSERT_OK(err, "prepare"))
		goto out;
	if (unpriv) {
		err = cap_disable_effective(DIAG_CAPS, &old_caps);
		if (!ASSERT_OK(err, "drop caps"))
			goto out;
	}
	err = bpf_lift_diag__load(skel);
	if (unpriv)
		ASSERT_OK(cap_enable_effective(old_caps, NULL), "restore caps");
out:
	bpf_lift_diag__destroy(skel);
	return err;
}

/* vNNNN_some_slug: returns NNNN and puts "some-slug" into @slug. */
static int diag_name_code(const char *name, char *slug, size_t slug_sz)
{
	int code, n = 0;
	size_t i;

	if (sscanf(name, "v%4d_%n", &code, &n) != 1 || n != 6)
		return -1;
	snprintf(slug, slug_sz, "%s", name + n);
	for (i = 0; slug[i]; i++)
		if (slug[i] == '_')
			slug[i] = '-';
	return code;
}

static void diag_json_one(const char *name, char *log, size_t log_sz)
{
	char want_code[8], code[8], slug[64], want_slug[64], str[256];
	bool unpriv = false;
	struct json_obj obj;
	long long v;
	int i, num, err, cnt;

	num = diag_name_code(name, want_slug, sizeof(want_slug));
	if (!ASSERT_GT(num, 0, "program name is vNNNN_slug"))
		return;
	snprintf(want_code, sizeof(want_code), "V%04d", num);
	for (i = 0; i < ARRAY_SIZE(diag_unpriv_codes); i++)
		unpriv |= diag_unpriv_codes[i] == num;
	if (unpriv && get_unpriv_disabled()) {
		test__skip();
		return;
	}

	log[0] = '\0';
	err = diag_load(name, unpriv, BPF_LOG_JSON, log, log_sz);
	if (!ASSERT_LT(err, 0, "load fails"))
		return;
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stdout, "JSON LOG of %s:\n%s", name, log);
	cnt = json_check_lines(log, &obj);
	if (cnt < 0 || !ASSERT_GT(cnt, 0, "log holds a JSON object"))
		goto dump;

	/* The last object is the rejection. */
	if (!ASSERT_TRUE(json_get_str(&obj, "code", code, sizeof(code)), "code") ||
	    !ASSERT_STREQ(code, want_code, "code"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "severity", str, sizeof(str)), "severity") ||
	    !ASSERT_STREQ(str, "error", "severity"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "slug", slug, sizeof(slug)), "slug") ||
	    !ASSERT_STREQ(slug, want_slug, "slug"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "message", str, sizeof(str)), "message") ||
	    !ASSERT_NEQ(str[0], 0, "message"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "title", str, sizeof(str)), "title") ||
	    !ASSERT_NEQ(str[0], 0, "title"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "help", str, sizeof(str)), "help") ||
	    !ASSERT_NEQ(str[0], 0, "help"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "insn", &v), "insn") ||
	    !ASSERT_GE(v, 0, "insn"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "errno", &v), "errno") ||
	    !ASSERT_EQ(v, -err, "errno is the load's"))
		goto dump;
	if (!ASSERT_OK_PTR(json_get(&obj, "registers"), "registers") ||
	    !ASSERT_OK_PTR(json_get(&obj, "history"), "history") ||
	    !ASSERT_TRUE(json_regs_valid(json_get(&obj, "registers")), "registers are r0..r10"))
		goto dump;
	/*
	 * V0023 is found before the line info is loaded: it has an insn and no
	 * file. All the others are in this file and loaded with its BTF.
	 */
	if (num == 23) {
		if (!ASSERT_NULL(json_get(&obj, "file"), "no file before line info"))
			goto dump;
		return;
	}
	if (!ASSERT_TRUE(json_get_str(&obj, "file", str, sizeof(str)), "file") ||
	    !ASSERT_STREQ(str, "bpf_lift_diag.c", "file"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "line", &v), "line") ||
	    !ASSERT_GT(v, 0, "line"))
		goto dump;
	return;
dump:
	fprintf(stderr, "log of %s:\n%s\n", name, log);
}

/*
 * A log buffer too small for the object: the load still fails (with the
 * verdict or with -ENOSPC), the buffer stays a C string.
 */
static void diag_json_small_log(void)
{
	char log[64];
	int err;

	memset(log, 'x', sizeof(log));
	err = diag_load("v0006_uninit_reg", false, BPF_LOG_JSON, log, sizeof(log));
	if (!ASSERT_LT(err, 0, "load fails"))
		return;
	if (!ASSERT_TRUE(err == -EACCES || err == -EINVAL || err == -ENOSPC, "errno"))
		fprintf(stderr, "load returned %d\n", err);
	ASSERT_LT(strnlen(log, sizeof(log)), sizeof(log), "log is NUL-terminated");
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stderr, "err %d, log: '%s'\n", err, log);
}

/*
 * The log of BPF_LOG_JSON, for every program of bpf_lift_diag.c: one JSON
 * object per line, the last one the program's rejection with its code,
 * location and help.
 */
void test_bpf_lift_diag_json(void)
{
	const size_t log_sz = 1 << 16;
	struct bpf_lift_diag *skel;
	struct bpf_program *prog;
	char *names[64];
	int i, cnt = 0;
	char *log;

	if (test__start_subtest("validator"))
		test_json_validator();

	log = malloc(log_sz);
	skel = bpf_lift_diag__open();
	if (!ASSERT_OK_PTR(log, "malloc") || !ASSERT_OK_PTR(skel, "open"))
		goto out;
	bpf_object__for_each_program(prog, skel->obj)
		if (cnt < ARRAY_SIZE(names))
			names[cnt++] = strdup(bpf_program__name(prog));
	bpf_lift_diag__destroy(skel);
	ASSERT_EQ(cnt, 31, "one program per code");

	for (i = 0; i < cnt; i++)
		if (names[i] && test__start_subtest(names[i]))
			diag_json_one(names[i], log, log_sz);
	if (test__start_subtest("small_log"))
		diag_json_small_log();
out:
	for (i = 0; i < cnt; i++)
		free(names[i]);
	free(log);
}

/*
 * A program loaded without BTF: the location is the instruction, in the
 * text and in JSON.
 */
void test_bpf_lift_diag_no_btf(void)
{
	const struct bpf_insn insns[] = {
		BPF_MOV64_REG(BPF_REG_0, BPF_REG_2),
		BPF_EXIT_INSN(),
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	struct json_obj obj;
	char log[8192], str[64];
	long long v;
	int fd, err;

	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = 1;
	log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, ARRAY_SIZE(insns),
			   &opts);
	err = -errno;
	if (!ASSERT_LT(fd, 0, "load fails")) {
		close(fd);
		return;
	}
	ASSERT_EQ(err, -EACCES, "errno");
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stdout, "TEXT LOG:\n%s", log);
	ASSERT_HAS_SUBSTR(log, "R2 !read_ok", "classic message");
	ASSERT_HAS_SUBSTR(log, "error[V0006]: read of a register that was never written",
			  "headline");
	ASSERT_HAS_SUBSTR(log, "--> insn 0\n", "location");
	ASSERT_HAS_SUBSTR(log, "0 | (bf) r0 = r2", "instruction");
	ASSERT_HAS_SUBSTR(log, "= help: give the variable a value on every path before it is used",
			  "help");
	ASSERT_NULL(strstr(log, ".c:"), "no file");

	opts.log_level = BPF_LOG_JSON;
	log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, ARRAY_SIZE(insns),
			   &opts);
	if (!ASSERT_LT(fd, 0, "load fails (JSON)")) {
		close(fd);
		return;
	}
	if (env.verbosity > VERBOSE_NONE)
		fprintf(stdout, "JSON LOG:\n%s", log);
	if (!ASSERT_GT(json_check_lines(log, &obj), 0, "log holds JSON objects"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "code", str, sizeof(str)), "code") ||
	    !ASSERT_STREQ(str, "V0006", "code"))
		goto dump;
	if (!ASSERT_NULL(json_get(&obj, "file"), "no file") ||
	    !ASSERT_NULL(json_get(&obj, "line"), "no line"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "insn", &v), "insn") || !ASSERT_EQ(v, 0, "insn"))
		goto dump;
	if (!ASSERT_TRUE(json_get_str(&obj, "insn_text", str, sizeof(str)), "insn_text") ||
	    !ASSERT_HAS_SUBSTR(str, "r0 = r2", "insn_text"))
		goto dump;
	if (!ASSERT_TRUE(json_get_int(&obj, "errno", &v), "errno") ||
	    !ASSERT_EQ(v, EACCES, "errno"))
		goto dump;
	return;
dump:
	fprintf(stderr, "log:\n%s\n", log);
}

/*
 * A huge program in a small log: 200,000 instructions, the last but one
 * reads a register never written. The verdict stays a rejection and the
 * rotating log keeps its end, the coded error with the right instruction.
 */
void test_bpf_lift_diag_huge(void)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	const int cnt = 200000;
	struct bpf_insn *insns;
	char log[4096], want[64];
	int i, fd, err;

	insns = calloc(cnt, sizeof(*insns));
	if (!ASSERT_OK_PTR(insns, "insns"))
		return;
	for (i = 0; i < cnt - 2; i++)
		insns[i] = BPF_MOV64_IMM(BPF_REG_0, 0);
	insns[cnt - 2] = BPF_MOV64_REG(BPF_REG_0, BPF_REG_2);
	insns[cnt - 1] = BPF_EXIT_INSN();

	opts.log_buf = log;
	opts.log_size = sizeof(log);
	opts.log_level = 1;
	log[0] = '\0';
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, cnt, &opts);
	err = -errno;
	free(insns);
	if (!ASSERT_LT(fd, 0, "load fails")) {
		close(fd);
		return;
	}
	ASSERT_TRUE(err == -EACCES || err == -ENOSPC, "errno is the verdict or -ENOSPC");
	ASSERT_HAS_SUBSTR(log, "error[V0006]: read of a register that was never written",
			  "headline");
	snprintf(want, sizeof(want), "--> insn %d\n", cnt - 2);
	ASSERT_HAS_SUBSTR(log, want, "location");
	ASSERT_HAS_SUBSTR(log, "processed ", "statistics");
}

/* SPDX-License-Identifier: GPL-2.0 */
/* A JSON checker for bpf_lift_diag.c: is each line of a log one JSON object? */
#ifndef __BPF_LIFT_JSON_H
#define __BPF_LIFT_JSON_H

#include <test_progs.h>

/*
 * A small JSON validator for the log of BPF_LOG_JSON: recursive descent
 * over RFC 8259 values. The members of the outermost object are kept, so
 * that the test can look at their values.
 */
#define JSON_MAX_DEPTH 16
#define JSON_MAX_MEMBERS 32

struct json_member {
	char key[32];
	const char *val;	/* the value's text, not decoded */
	const char *val_end;
};

struct json_obj {
	struct json_member m[JSON_MAX_MEMBERS];
	int cnt;
};

struct json_parser {
	const char *p;
	const char *end;
	int depth;
	struct json_obj *top;	/* members of the outermost object */
};

static inline bool json_value(struct json_parser *jp);

static inline void json_ws(struct json_parser *jp)
{
	while (jp->p < jp->end &&
	       (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
		jp->p++;
}

static inline int json_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A string at jp->p; decoded into @out when @out is not NULL (code points
 * above 0x7f become '?', the text is cut at @out_sz - 1 bytes).
 */
static inline bool json_string(struct json_parser *jp, char *out, size_t out_sz)
{
	size_t n = 0;
	int i, cp;
	char c;

	if (jp->p >= jp->end || *jp->p != '"')
		return false;
	jp->p++;
	while (jp->p < jp->end) {
		c = *jp->p++;
		if (c == '"') {
			if (out)
				out[n] = '\0';
			return true;
		}
		if ((unsigned char)c < 0x20)
			return false;	/* control characters must be escaped */
		if (c == '\\') {
			if (jp->p >= jp->end)
				return false;
			c = *jp->p++;
			switch (c) {
			case '"': case '\\': case '/':
				break;
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'u':
				if (jp->end - jp->p < 4)
					return false;
				for (cp = 0, i = 0; i < 4; i++) {
					if (json_hex(jp->p[i]) < 0)
						return false;
					cp = cp * 16 + json_hex(jp->p[i]);
				}
				jp->p += 4;
				c = cp < 0x80 ? cp : '?';
				break;
			default:
				return false;
			}
		}
		if (out && n + 1 < out_sz)
			out[n++] = c;
	}
	return false;	/* no closing quote */
}

static inline bool json_digits(struct json_parser *jp)
{
	const char *start = jp->p;

	while (jp->p < jp->end && *jp->p >= '0' && *jp->p <= '9')
		jp->p++;
	return jp->p > start;
}

static inline bool json_number(struct json_parser *jp)
{
	if (jp->p < jp->end && *jp->p == '-')
		jp->p++;
	if (jp->p < jp->end && *jp->p == '0')
		jp->p++;	/* no leading zeros */
	else if (!json_digits(jp))
		return false;
	if (jp->p < jp->end && *jp->p == '.') {
		jp->p++;
		if (!json_digits(jp))
			return false;
	}
	if (jp->p < jp->end && (*jp->p == 'e' || *jp->p == 'E')) {
		jp->p++;
		if (jp->p < jp->end && (*jp->p == '+' || *jp->p == '-'))
			jp->p++;
		if (!json_digits(jp))
			return false;
	}
	return true;
}

static inline bool json_literal(struct json_parser *jp, const char *lit)
{
	size_t len = strlen(lit);

	if ((size_t)(jp->end - jp->p) < len || strncmp(jp->p, lit, len))
		return false;
	jp->p += len;
	return true;
}

static inline bool json_array(struct json_parser *jp)
{
	jp->p++;	/* [ */
	json_ws(jp);
	if (jp->p < jp->end && *jp->p == ']') {
		jp->p++;
		return true;
	}
	for (;;) {
		if (!json_value(jp))
			return false;
		json_ws(jp);
		if (jp->p >= jp->end)
			return false;
		if (*jp->p == ']') {
			jp->p++;
			return true;
		}
		if (*jp->p++ != ',')
			return false;
	}
}

static inline bool json_object(struct json_parser *jp)
{
	bool outermost = jp->depth == 1 && jp->top;
	struct json_member *m;
	char key[32];

	jp->p++;	/* { */
	json_ws(jp);
	if (jp->p < jp->end && *jp->p == '}') {
		jp->p++;
		return true;
	}
	for (;;) {
		json_ws(jp);
		if (!json_string(jp, key, sizeof(key)))
			return false;
		json_ws(jp);
		if (jp->p >= jp->end || *jp->p++ != ':')
			return false;
		json_ws(jp);
		m = NULL;
		if (outermost && jp->top->cnt < JSON_MAX_MEMBERS) {
			m = &jp->top->m[jp->top->cnt++];
			snprintf(m->key, sizeof(m->key), "%s", key);
			m->val = jp->p;
		}
		if (!json_value(jp))
			return false;
		if (m)
			m->val_end = jp->p;
		json_ws(jp);
		if (jp->p >= jp->end)
			return false;
		if (*jp->p == '}') {
			jp->p++;
			return true;
		}
		if (*jp->p++ != ',')
			return false;
	}
}

static inline bool json_value(struct json_parser *jp)
{
	bool ok;

	json_ws(jp);
	if (jp->p >= jp->end || jp->depth >= JSON_MAX_DEPTH)
		return false;
	switch (*jp->p) {
	case '{':
		jp->depth++;
		ok = json_object(jp);
		jp->depth--;
		return ok;
	case '[':
		jp->depth++;
		ok = json_array(jp);
		jp->depth--;
		return ok;
	case '"':
		return json_string(jp, NULL, 0);
	case 't':
		return json_literal(jp, "true");
	case 'f':
		return json_literal(jp, "false");
	case 'n':
		return json_literal(jp, "null");
	default:
		return json_number(jp);
	}
}

/* Is [s, end) one JSON object and nothing else? Its members go to @obj. */
static inline bool json_parse_object(const char *s, const char *end, struct json_obj *obj)
{
	struct json_parser jp = { .p = s, .end = end, .top = obj };

	memset(obj, 0, sizeof(*obj));
	json_ws(&jp);
	if (jp.p >= jp.end || *jp.p != '{')
		return false;
	if (!json_value(&jp))
		return false;
	json_ws(&jp);
	return jp.p == jp.end;
}

static inline const struct json_member *json_get(const struct json_obj *obj, const char *key)
{
	int i;

	for (i = 0; i < obj->cnt; i++)
		if (!strcmp(obj->m[i].key, key))
			return &obj->m[i];
	return NULL;
}

/* The member's string value, decoded into @out; false if not a string. */
static inline bool json_get_str(const struct json_obj *obj, const char *key, char *out,
				size_t out_sz)
{
	const struct json_member *m = json_get(obj, key);
	struct json_parser jp;

	if (!m)
		return false;
	jp = (struct json_parser){ .p = m->val, .end = m->val_end };
	return json_string(&jp, out, out_sz) && jp.p == m->val_end;
}

/* The member's integer value; false if not an integer. */
static inline bool json_get_int(const struct json_obj *obj, const char *key, long long *val)
{
	const struct json_member *m = json_get(obj, key);
	char buf[24], *end;
	size_t len;

	if (!m)
		return false;
	len = m->val_end - m->val;
	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, m->val, len);
	buf[len] = '\0';
	errno = 0;
	*val = strtoll(buf, &end, 10);
	return !errno && *end == '\0';
}

/*
 * Checks that every line of @log is one JSON object; the last one goes to
 * @last. Returns the number of objects, or -1 (after a failed assertion).
 */
static inline int json_check_lines(const char *log, struct json_obj *last)
{
	const char *line = log, *nl;
	struct json_obj obj;
	int cnt = 0;

	while (*line) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		if (nl > line) {
			if (!ASSERT_TRUE(json_parse_object(line, nl, &obj),
					 "log line is a JSON object")) {
				fprintf(stderr, "line %d: %.*s\n", cnt + 1, (int)(nl - line), line);
				return -1;
			}
			*last = obj;
			cnt++;
		}
		line = *nl ? nl + 1 : nl;
	}
	return cnt;
}

#endif /* __BPF_LIFT_JSON_H */

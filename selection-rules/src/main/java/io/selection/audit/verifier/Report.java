package io.selection.audit.verifier;

import io.selection.audit.format.LogLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's report: numbered checks, as independent election verifiers number theirs, each
 * naming the rule of docs/rules.md it stands for, how many items it checked, and on failure the seq
 * of the first bad line with a few details. {@code ok} only when every check holds.
 */
public final class Report {

    /** One numbered check. */
    public static final class Check {
        private static final int DETAILS = 5;
        final int id;
        final String name;
        final String rule;
        long items;
        long failures;
        Long firstBadSeq;
        final List<String> details = new ArrayList<>();

        Check(int id, String name, String rule) {
            this.id = id;
            this.name = name;
            this.rule = rule;
        }

        void pass() {
            items++;
        }

        void fail(long seq, String detail) {
            items++;
            failures++;
            if (firstBadSeq == null || seq < firstBadSeq) {
                firstBadSeq = seq;
            }
            if (details.size() < DETAILS) {
                details.add("seq " + seq + ": " + detail);
            }
        }

        void check(boolean holds, long seq, String detail) {
            if (holds) {
                pass();
            } else {
                fail(seq, detail);
            }
        }

        public boolean ok() {
            return failures == 0;
        }

        public int id() {
            return id;
        }

        public String name() {
            return name;
        }

        /** How many items it checked. */
        public long items() {
            return items;
        }

        public Long firstBadSeq() {
            return firstBadSeq;
        }

        public List<String> details() {
            return List.copyOf(details);
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("rule", rule);
            m.put("ok", ok());
            m.put("items", items);
            m.put("failures", failures);
            m.put("firstBadSeq", firstBadSeq);
            m.put("details", List.copyOf(details));
            return m;
        }
    }

    final List<Check> checks = new ArrayList<>();
    final List<Map<String, Object>> published = new ArrayList<>();
    final Map<String, Object> summary = new LinkedHashMap<>();
    /** The format of the lines checked (1 or 2; 1 when none could be read). */
    int format = LogLine.RAW;

    Check add(String name, String rule) {
        Check c = new Check(checks.size() + 1, name, rule);
        checks.add(c);
        return c;
    }

    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public Check check(String name) {
        return checks.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    /** The seq of the first bad line over all checks, or null. */
    public Long firstBadSeq() {
        return checks.stream().map(c -> c.firstBadSeq).filter(java.util.Objects::nonNull).min(Long::compare)
                .orElse(null);
    }

    public Map<String, Object> summary() {
        return summary;
    }

    /** The report as JSON values, {@code ok} first. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok());
        m.put("format", format);
        m.put("firstBadSeq", firstBadSeq());
        m.putAll(summary);
        m.put("published", List.copyOf(published));
        List<Object> list = new ArrayList<>();
        checks.forEach(c -> list.add(c.toJson()));
        m.put("checks", list);
        return m;
    }

    /** The report for a person: one line per check, then the details of the failed ones. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(ok() ? "OK" : "FAILED").append(": edition ").append(summary.get("edition")).append(", ")
                .append(summary.get("lines")).append(" lines");
        if (summary.get("head") instanceof Map<?, ?> head) {
            out.append(", log digest ").append(head.get("digest"));
        }
        out.append('\n');
        for (Check c : checks) {
            out.append(String.format("%2d. %-4s %-28s %10d checked  (%s)%n", c.id, c.ok() ? "ok" : "FAIL", c.name,
                    c.items, c.rule));
            if (!c.ok()) {
                out.append("      first bad line: seq ").append(c.firstBadSeq).append('\n');
                c.details.forEach(d -> out.append("      ").append(d).append('\n'));
            }
        }
        for (Map<String, Object> p : published) {
            out.append("published at seq ").append(p.get("seq")).append(' ').append(p.get("type"))
                    .append(": log size ").append(p.get("logSize")).append(", log digest ")
                    .append(p.get("logDigest")).append(", list digest ").append(p.get("listDigest")).append('\n');
        }
        return out.toString();
    }
}

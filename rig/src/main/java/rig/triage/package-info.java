/**
 * {@code rig triage}: from failure logs to named signatures.
 *
 * <p>Input: a results directory ({@code [config/...]suite/NNN.{out.bad,full,dmesg,notrun,hints,oe,gaps,
 * blocked,fsck,checkers}}, {@code check.log}, {@code result.xml}; the path between the root and the suite
 * is the configuration, so a CI matrix of sections, hosts and kernels is one tree), a single file (dmesg,
 * console log, sysrq dump, mail archive, result.xml; gzip is read as is) or stdin. Everything streams.
 *
 * <p>Sub-packages: {@code log} (kernel log syntax of every era, reports, culprit rules, the message
 * table), {@code signature} (titles and deduplication), {@code known} (known-signature table, baseline),
 * {@code input} (results layout, xunit, check.log), {@code format} (text, JSON, Markdown).
 *
 * <p>Data files, edited without touching code (src/main/resources/rig/triage): {@code culprit-rules.txt}
 * (plumbing frames skipped, which blocked task waits on which, ordered-extent waits),
 * {@code messages.tsv} (stack-less messages and the rig checkers' report lines mapped to a kind and the
 * printing function), {@code known-signatures.tsv} (signature -> fix commit, link, or expected).
 *
 * <p>Entry points: {@link rig.triage.TriageCommand} (picocli, registered by {@code bin/rig triage}),
 * {@link rig.triage.Triage} (library), {@link rig.triage.TriageBench} (100 MB console log benchmark).
 */
package rig.triage;

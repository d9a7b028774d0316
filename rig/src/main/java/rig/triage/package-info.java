/**
 * {@code rig triage}: from failure logs to named signatures.
 *
 * <p>Input: a results directory ({@code [config/...]suite/NNN.{out.bad,full,dmesg,notrun,hints,oe,gaps,
 * blocked,fsck,checkers}}, {@code NNN.dmesg.expected} beside a .dmesg, {@code check.log}, {@code result.xml};
 * the path between the root and the suite is the configuration, so a CI matrix of sections, hosts and
 * kernels is one tree), a single file (dmesg, console log, sysrq dump, mail archive, result.xml; gzip is
 * read as is) or stdin. Everything streams.
 *
 * <p>A test's findings are resolved together before deduplication ({@code signature.UnitFindings}): a test the
 * runner killed is one hang or timeout block (stacks name the culprit, else the runner's "hung: task ... in FN"
 * message, else the ordered-extent ledger, else the timeout), its partial .out.bad is no output mismatch, the
 * runner's one-line message gives way to the test's files, and findings of a test the run passed are
 * EXPECTED, and so are the findings of NNN.dmesg that the test declared ({@code NNN.dmesg.expected}, the
 * kernel-log checker's copy of {@code @Fstest(expectedKernelLog)}, read by {@code input.DeclaredFindings}
 * with the checker's own rules). In a test's kernel log, another rig run's lines (inside its start/end markers, naming only devices
 * this test never used) are left out ({@code input.ForeignLines}).
 *
 * <p>Sub-packages: {@code oops} (kernel reports titled by syzkaller's rules), {@code log} (kernel log syntax
 * of every era, hung-task bursts and sysrq-w dumps, culprit rules, the message table), {@code signature}
 * (titles, one failure one signature, deduplication and ranking), {@code known} (known-signature table,
 * baseline), {@code input} (results layout, xunit, check.log), {@code format} (text, JSON, Markdown),
 * {@code score} (a corpus in syzkaller's testdata format, {@code rig triage --score}).
 *
 * <p>Data files, edited without touching code (src/main/resources/rig/triage): {@code crash-types.tsv}
 * (title prefix to syzkaller's crash type and the rig's kind), {@code culprit-rules.txt}
 * (plumbing frames skipped, which blocked task waits on which, ordered-extent waits),
 * {@code messages.tsv} (stack-less messages and the rig checkers' report lines mapped to a kind and the
 * printing function), {@code known-signatures.tsv} (signature -> fix commit, link, or expected).
 *
 * <p>Entry points: {@link rig.triage.TriageCommand} (picocli, registered by {@code bin/rig triage}),
 * {@link rig.triage.Triage} (library), {@link rig.triage.TriageBench} (100 MB console log benchmark).
 */
package rig.triage;

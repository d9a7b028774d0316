/**
 * The fault engine of the injectable Java block device: every request the kernel sends the
 * device goes through a <em>fault table</em> in device-mapper's spirit, and is recorded in the
 * <em>I/O journal</em>. Open one with {@link rig.devices.fault.FaultEngine#open}; it is both the
 * {@link rig.devices.BlockHandler} a transport serves and the {@link rig.devices.DeviceControl}
 * of the device.
 *
 * <h2>Tables</h2>
 * One line per sector range, like {@code dmsetup table}; sectors are 512 bytes:
 * <pre>
 * # comment (also after a line)
 * cache volatile                          # optional: volatile | writethrough
 * &lt;start&gt; &lt;length|-&gt; &lt;rule&gt; [operations] [words] [key=value ...] [trigger]
 *
 * 0 409600 pass
 * 409600 2048 error write errno=EIO
 * 0 - stall write deadline=30s
 * 1024 8 torn keep=2 then=ack once
 * 0 - delay latency=5ms jitter=2ms seed=7
 * 2048 2048 error prob=0.01 seed=42
 * </pre>
 * {@code -} as the length means "to the end of the device". Ranges must not overlap; they may
 * come in any order and need not cover the device: sectors no range covers pass. A range
 * reaching past the device is an error.
 *
 * <p>Operations: {@code read}, {@code write} (writes and discards), {@code rw} (both),
 * {@code flush}, {@code all} (read, write and flush). A flush has no sector: it meets the rules
 * that name {@code flush} (or {@code all}), in sector order, and the first whose trigger fires
 * acts on it. Rules and their words (defaults in brackets):
 * <dl>
 * <dt>{@code pass}</dt><dd>to the backing file.</dd>
 * <dt>{@code error [rw] [errno=EIO]}</dt><dd>fails; nothing is read or written.</dd>
 * <dt>{@code flakey up=D down=D [rw] [error|drop_writes|error_writes] [errno=EIO]}</dt><dd>like
 *   dm-flakey: passes for {@code up}, then misbehaves for {@code down}, cyclically from the
 *   table load. While down, {@code error} fails the matching requests, {@code drop_writes}
 *   acknowledges writes without storing them (reads pass), {@code error_writes} fails writes
 *   (reads pass). {@code down=0s}: never down.</dd>
 * <dt>{@code drop [write] }({@code write}, {@code flush})</dt><dd>acknowledges and discards:
 *   lost writes. A dropped flush is acknowledged without syncing (and, in volatile-cache mode,
 *   leaves the cache unflushed).</dd>
 * <dt>{@code stall [rw] [deadline=D] [errno=EIO]}</dt><dd>holds the request until
 *   {@code releaseStalls()} (then it is served as {@code pass}) or until the deadline (then it
 *   fails with errno); an abort fails it with EIO. A held request does not count as in flight:
 *   a table load does not wait for it, and once released it waits for a resume like a new
 *   request.</dd>
 * <dt>{@code delay latency=D [jitter=D] [seed=N] [rw]}</dt><dd>waits latency, plus or minus a
 *   uniform seeded jitter, then passes; the request stays in flight (a suspend waits for it).</dd>
 * <dt>{@code torn keep=K [then=error|ack] [errno=EIO]}</dt><dd>writes only: persists the
 *   first K sectors of the piece, drops the rest, then fails or acknowledges. A piece of at
 *   most K sectors is written whole.</dd>
 * <dt>{@code corrupt [read] [bytes=1] [seed=N]}</dt><dd>({@code read}, {@code write},
 *   {@code rw}) inverts {@code bytes} consecutive bytes at a seeded position of the data: on
 *   read the caller gets corrupted data (the backing file is intact); on write the corrupted
 *   data is stored (the caller's buffer is restored).</dd>
 * </dl>
 * Durations are a number and a unit: {@code 500us}, {@code 50ms}, {@code 1.5s}, {@code 2m},
 * {@code 1h}, {@code 1d}. Errnos by name ({@code EIO}, {@code ENOSPC}, {@code ETIMEDOUT}, ...)
 * or number.
 *
 * <p>Triggers (any rule but pass; default: always). A rule counts the requests it matches (by
 * operation, within its range); {@code after=N} lets the first N through, {@code every=N} then
 * acts on every N-th, {@code prob=P seed=S} on each with probability P, {@code limit=N} at most
 * N times, {@code once} = {@code limit=1}. The probability is a hash of the seed and the
 * request's index among the matching ones, so a seeded run with the same request sequence
 * replays identically; without {@code seed=} one is chosen and shown by {@code table()} so the
 * run can be replayed. A request the trigger skips passes.
 *
 * <p>Requests spanning several ranges are split at range boundaries, as dm splits bios at
 * target boundaries; each piece meets its own rule (and counts once for its trigger). The
 * request completes with the errno of its first failing piece; the other pieces still take
 * effect, as dm's clones do. The journal names the first rule that acted.
 *
 * <p>A malformed table is rejected whole with a {@link rig.devices.fault.TableSyntaxException}:
 * "table line 3: unknown rule 'eror'; use one of pass, error, flakey, ...".
 *
 * <h2>Swapping tables</h2>
 * {@code loadTable} parses first (a bad table changes nothing), then suspends (new requests
 * wait, in-flight ones finish), swaps, resumes. If the device was suspended by
 * {@code suspend()}, it stays suspended until {@code resume()}. A new table restarts trigger
 * counts and flakey clocks.
 *
 * <h2>Flush, FUA and the volatile cache</h2>
 * A flush is fdatasync of the backing file; a FUA write is followed by one. With
 * {@code cache volatile} in a table the device behaves like a disk with a volatile write cache:
 * the before-image of every sector first overwritten since the last flush is kept in an undo
 * log (an anonymous O_TMPFILE beside the backing file), reads see the newest data as a cache
 * would serve it, a flush empties the log, a FUA write makes its own sectors durable, and
 * {@code powerCut()} restores the before-images: exactly the writes since the last flush are
 * lost. In writethrough mode (the default) every acknowledged write is already durable and a
 * power cut loses nothing. A dropped or torn FUA write syncs but keeps the before-images of
 * its sectors. {@code cache writethrough} turns it off (the cached writes become durable); a table
 * without a {@code cache} line keeps the current mode.
 *
 * <h2>The journal</h2>
 * Every request, in completion order: sequence number, arrival time (seconds since the device
 * was opened, monotonic), operation, first sector + sectors, result (ok or errno name),
 * latency, effects (fua, dropped, torn, corrupted, stalled, delayed, deadline, aborted) and the
 * rule that acted. Kept in a preallocated ring (65536 entries by default) of primitive arrays;
 * {@code saveJournal} writes the summary, the requests held now, the counters and the entries.
 */
package rig.devices.fault;

package rig.fstest.io;

/** Told of every write call a workload verb makes: where, how much was asked, what the kernel returned. */
@FunctionalInterface
public interface WriteListener {
    WriteListener NONE = (offset, length, result) -> { };

    void call(long offset, long length, Transfer result);
}

package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.io.DioBufFault;

/** A partial direct write that faults at byte 0: no page of the mapped source is in the page tables. */
@Fstest(id = "rig/310", groups = {"auto", "quick", "mmap", "dio"}, timeoutSeconds = 120, directWrites = true)
public class Rig310 extends PartialDio {
    @Override
    DioBufFault.Touch touch() {
        return DioBufFault.Touch.NONE;
    }
}

package rig.tests.rig;

import rig.check.api.Fstest;
import rig.fstest.io.DioBufFault;

/** Many partial direct writes: every other page of the mapped source is faulted in, so the write faults again and again. */
@Fstest(id = "rig/311", groups = {"auto", "quick", "mmap", "dio"}, timeoutSeconds = 120, directWrites = true)
public class Rig311 extends PartialDio {
    @Override
    DioBufFault.Touch touch() {
        return DioBufFault.Touch.EVERY_OTHER_PAGE;
    }
}

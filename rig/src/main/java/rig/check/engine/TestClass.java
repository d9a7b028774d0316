package rig.check.engine;

import rig.check.api.Fstest;

/** A numbered test found on the classpath: its id ("generic/250"), its class, its declaration. */
public record TestClass(String id, Class<?> type, Fstest declaration) {

    /** "generic" of "generic/250". */
    public String suite() {
        return id.substring(0, id.indexOf('/'));
    }

    /** "250" of "generic/250". */
    public String seq() {
        return id.substring(id.indexOf('/') + 1);
    }

    /** The golden output's classpath resource name: "rig/tests/generic/250.out". */
    public String goldenResource() {
        return type.getPackageName().replace('.', '/') + "/" + seq() + ".out";
    }
}

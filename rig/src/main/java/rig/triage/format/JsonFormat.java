package rig.triage.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rig.triage.Signature;
import rig.triage.Status;
import rig.triage.TriageResult;

/** JSON for CI bots: {"summary": {...}, "signatures": [...], "warnings": [...]}; kinds as ids. */
final class JsonFormat implements Format {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(TriageResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            summary.put(s.name().toLowerCase(java.util.Locale.ROOT), r.count(s));
        }
        summary.put("inputs", r.filesRead());
        summary.put("exitStatus", r.exitStatus());
        root.put("summary", summary);
        List<Map<String, Object>> sigs = new ArrayList<>();
        for (Signature s : r.signatures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", s.status().name());
            m.put("title", s.title());
            m.put("kind", s.kind() == null ? null : s.kind().id());
            m.put("culprit", s.culprit());
            m.put("count", s.count());
            m.put("tests", s.tests());
            m.put("configurations", s.configurations());
            m.put("evidence", s.evidence());
            m.put("known", s.known());
            sigs.add(m);
        }
        root.put("signatures", sigs);
        root.put("warnings", r.warnings());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering of the triage result failed: " + e.getOriginalMessage(), e);
        }
    }
}

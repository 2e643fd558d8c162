// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payload values: immutable copies of decoded JSON, with JavaScript's number shapes. */
final class Payloads {
    private Payloads() {}

    static Object freeze(Object v) {
        if (v instanceof Number n) {
            return JsonText.number(n.doubleValue());
        }
        if (Js.isArray(v)) {
            List<Object> out = new ArrayList<>();
            for (Object e : Js.list(v)) {
                out.add(freeze(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, e) -> out.put(String.valueOf(k), freeze(e)));
            return Collections.unmodifiableMap(out);
        }
        return v;
    }
}

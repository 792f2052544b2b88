package vn.hoso.contract;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of an input feed as the contract in {@code schemas/contract} declares it.
 *
 * @param eventTime a timestamp that may not lie more than a day after the run date
 * @param items     for arrays of objects, the fields of each element
 * @param freeText  a name or other text, not a code: a code may not hold a run of 9+ digits (an ID number or a
 *                  phone number in the wrong field), free text is not checked for it
 */
public record FieldSpec(String name, FieldKind kind, boolean required, Set<Object> allowed,
                        Pattern pattern, boolean personal, boolean eventTime, String labelVi,
                        List<FieldSpec> items, boolean freeText) implements Serializable {

    public FieldSpec(String name, FieldKind kind, boolean required, Set<Object> allowed, Pattern pattern, boolean personal,
                     boolean eventTime, String labelVi, List<FieldSpec> items) {
        this(name, kind, required, allowed, pattern, personal, eventTime, labelVi, items, false);
    }

    public boolean hasEnum() {
        return allowed != null && !allowed.isEmpty();
    }
}

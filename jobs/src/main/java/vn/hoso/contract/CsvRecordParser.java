package vn.hoso.contract;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one CSV record of a feed against its column contract. The header names the columns (their
 * order may vary; unknown extra columns are ignored). Personal columns are pseudonymised on the way.
 */
public final class CsvRecordParser implements Serializable {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private final String feed;
    private final List<FieldSpec> columns;
    private final Pseudonymiser pseudonymiser;

    public CsvRecordParser(String feed, List<FieldSpec> columns, Pseudonymiser pseudonymiser) {
        this.feed = feed;
        this.columns = List.copyOf(columns);
        this.pseudonymiser = pseudonymiser;
    }

    public List<FieldSpec> columns() {
        return columns;
    }

    /** Splits one record (RFC 4180 quoting). */
    public static String[] split(String record) throws Rejection {
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(record)) {
            return it.hasNext() ? it.next() : new String[0];
        } catch (IOException | RuntimeException e) {
            throw new Rejection(QuarantineReason.MALFORMED, "not a valid CSV record: " + e.getMessage().split("\n")[0]);
        }
    }

    /** Maps the header to column positions; fails when a required column is missing. */
    public Map<String, Integer> header(String headerRecord) throws Rejection {
        String[] names = split(headerRecord);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i].trim(), i);
        }
        List<String> missing = new ArrayList<>();
        for (FieldSpec c : columns) {
            if (c.required() && !index.containsKey(c.name())) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new Rejection(QuarantineReason.MISSING_FIELD, feed + " header lacks required columns " + missing);
        }
        return index;
    }

    /** @return one value per contract column, in contract order; personal columns already pseudonymised */
    public Object[] parse(String record, Map<String, Integer> header, LocalDate runDate) throws Rejection {
        String[] cells = split(record);
        if (cells.length != header.size()) {
            throw new Rejection(QuarantineReason.MALFORMED,
                    "expected " + header.size() + " columns as in the header, found " + cells.length);
        }
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            FieldSpec c = columns.get(i);
            Integer pos = header.get(c.name());
            String cell = pos == null ? null : cells[pos];
            Object v = FieldReader.readCell(c, cell, runDate);
            out[i] = c.personal() ? pseudonymiser.key((String) v) : v;
        }
        return out;
    }

    /** The record's text with personal columns blanked and long digit runs, e-mails and phones masked. */
    public String mask(String record, Map<String, Integer> header) {
        try {
            String[] cells = split(record);
            for (FieldSpec c : columns) {
                Integer pos = header == null ? null : header.get(c.name());
                if (c.personal() && pos != null && pos < cells.length) {
                    cells[pos] = Masking.MASK;
                }
            }
            return Masking.maskText(String.join(",", cells));
        } catch (Rejection e) {
            return Masking.maskText(record);
        }
    }
}

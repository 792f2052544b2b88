package vn.hoso.generate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The province KPIs of METRICS.md for one year, computed the way the pipeline defines them: each
 * dossier's latest snapshot, received dossiers only (received_at set, status not 1 or 3), by the year of
 * received_at in Vietnam time; procedure attributes from the catalogue row valid on the received date.
 */
record ProvinceRates(long received, double online, double onlinePayment, double digitization, double reuse,
                     double eResult, double adoption, double paperParallel, double remote, double assisted,
                     double businesses, double late) {

    static ProvinceRates of(Collection<JsonNode> latest, Map<String, List<String[]>> catalogue, int year) {
        long received = 0, online = 0, fee = 0, paid = 0, digitized = 0, reused = 0, finishedPaper = 0, eResult = 0;
        long onlineNoPaperRule = 0, paperParallel = 0, remote = 0, assisted = 0, businesses = 0, late = 0;
        Set<String> citizens = new HashSet<>();
        Set<String> onlineCitizens = new HashSet<>();
        for (JsonNode d : latest) {
            int status = d.get("TrangThaiHoSo").asInt();
            JsonNode receivedAt = d.get("NgayTiepNhan");
            if (ContractCheck.missing(receivedAt) || status == 1 || status == 3) {
                continue;
            }
            LocalDate receivedDay = ContractCheck.parse(receivedAt.asText())
                    .atZoneSameInstant(ContractCheck.VIETNAM).toLocalDate();
            if (receivedDay.getYear() != year) {
                continue;
            }
            String[] procedure = rowOn(catalogue.get(d.get("MaTTHC").asText()), receivedDay);
            received++;
            boolean isOnline = d.path("KenhThucHien").asInt(1) == 2;
            online += isOnline ? 1 : 0;
            if (isOnline && procedure[7].equals("0")) {
                onlineNoPaperRule++;
                paperParallel += ContractCheck.missing(d.get("NgayNhanHoSoGiay")) ? 0 : 1;
            }
            remote += isOnline && d.path("NoiNopHoSo").asInt() == 1 ? 1 : 0;
            assisted += isOnline && d.path("NoiNopHoSo").asInt() == 3 ? 1 : 0;
            double feeTotal = 0;
            for (JsonNode f : d.path("DanhSachLePhi")) {
                feeTotal += f.path("Gia").asDouble(0);
            }
            if (feeTotal > 0) {
                fee++;
                int p = d.path("DuocThanhToanTrucTuyen").asInt(0);
                paid += p == 1 || p == 2 ? 1 : 0;
            }
            boolean isDigitized = d.path("HoSoCoThanhPhanSoHoa").asInt(0) == 1;
            boolean isReused = false;
            for (JsonNode doc : d.path("TaiLieuNop")) {
                isDigitized |= doc.path("DuocSoHoa").asInt(0) == 1;
                isReused |= doc.path("DuocTaiSuDung").asInt(0) == 1 || doc.path("DuocLayTuKhoDMQG").asInt(0) == 1;
            }
            digitized += isDigitized ? 1 : 0;
            reused += isReused ? 1 : 0;
            if ((status == 9 || status == 10) && procedure[9].equals("1")) {
                finishedPaper++;
                boolean electronic = false;
                for (JsonNode r : d.path("DanhSachGiayToKetQua")) {
                    electronic |= !ContractCheck.missing(r.get("DuongDanTepTinKetQua"));
                }
                eResult += electronic ? 1 : 0;
            }
            if (d.path("LoaiDoiTuong").asInt() == 1) {
                String id = d.get("SoGiayToChuHoSo").asText();
                citizens.add(id);
                if (isOnline) {
                    onlineCitizens.add(id);
                }
            } else {
                businesses++;
            }
            late += isLate(d, status) ? 1 : 0;
        }
        return new ProvinceRates(received, ratio(online, received), ratio(paid, fee), ratio(digitized, received),
                ratio(reused, received), ratio(eResult, finishedPaper), ratio(onlineCitizens.size(), citizens.size()),
                ratio(paperParallel, onlineNoPaperRule), ratio(remote, online), ratio(assisted, online),
                ratio(businesses, received), ratio(late, received));
    }

    /** METRICS.md's late: more than one supplement, or ended (finished, or still open at the end) after the due day. */
    private static boolean isLate(JsonNode d, int status) {
        if (d.path("DanhSachHoSoBoSung").size() > 1) {
            return true;
        }
        if (ContractCheck.missing(d.get("NgayHenTra")) || status < 7 || ContractCheck.missing(d.get("NgayKetThucXuLy"))) {
            return false;
        }
        LocalDate due = ContractCheck.parse(d.get("NgayHenTra").asText()).toLocalDate();
        LocalDate end = ContractCheck.parse(d.get("NgayKetThucXuLy").asText()).toLocalDate();
        return end.isAfter(due);
    }

    /** The catalogue's rows by MaTTHC. */
    static Map<String, List<String[]>> catalogue(Path landing) {
        List<String[]> rows = Landing.csv(landing.resolve("catalog/procedures.csv"));
        Map<String, List<String[]>> out = new HashMap<>();
        for (String[] r : rows.subList(1, rows.size())) {
            out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static String[] rowOn(List<String[]> rows, LocalDate day) {
        for (String[] r : rows) {
            if (!day.isBefore(LocalDate.parse(r[12])) && (r[13].isEmpty() || !day.isAfter(LocalDate.parse(r[13])))) {
                return r;
            }
        }
        throw new AssertionError("no catalogue row of " + rows.get(0)[0] + " valid on " + day);
    }

    private static double ratio(long n, long d) {
        return d == 0 ? Double.NaN : (double) n / d;
    }
}

package vn.hoso.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.hoso.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Symbolic links in the landing zone are not followed: not files, not date= folders, not feed folders. */
class LandingZoneTest {
    @TempDir
    Path tmp;

    @Test
    void symbolicLinksBelowTheRootAreNotFollowed() throws IOException {
        Path landing = tmp.resolve("landing");
        Path outside = tmp.resolve("outside");
        Fixtures.write(outside.resolve("passwd.csv"), "MaHoSo,ThoiDiemDanhGia,MucDoHaiLong\nsecret,20240304100000,1\n");
        Fixtures.write(outside.resolve("date=2024-03-05/part-00000.csv"), "MaHoSo,ThoiDiemDanhGia,MucDoHaiLong\n");
        Fixtures.write(landing.resolve("ratings/date=2024-03-04/part-00000.csv"), "MaHoSo,ThoiDiemDanhGia,MucDoHaiLong\n");
        Files.createSymbolicLink(landing.resolve("ratings/date=2024-03-04/part-00001.csv"), outside.resolve("passwd.csv"));
        Files.createSymbolicLink(landing.resolve("ratings/date=2024-03-05"), outside.resolve("date=2024-03-05"));
        Files.createSymbolicLink(landing.resolve("feedback"), outside);
        Files.createDirectories(landing.resolve("catalog"));
        Files.createSymbolicLink(landing.resolve("catalog/units.csv"), outside.resolve("passwd.csv"));
        Fixtures.write(landing.resolve("catalog/procedures.csv"), "MaTTHC\n");

        LandingZone zone = new LandingZone(landing.toString(), new Configuration());
        List<LandingZone.SourceFile> files = zone.files("ratings", List.of(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5)));
        assertThat(files).extracting(LandingZone.SourceFile::relative).containsExactly("ratings/date=2024-03-04/part-00000.csv");
        assertThat(zone.exportDates()).containsExactly(LocalDate.of(2024, 3, 4));
        assertThat(zone.files("feedback", List.of(LocalDate.of(2024, 3, 5)))).isEmpty();
        assertThat(zone.catalogFile("units")).isNull();
        assertThat(zone.catalogFile("procedures")).isNotNull();
    }
}

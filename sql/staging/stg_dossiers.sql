-- The dossier feed's parsed lines (contract names, checked and pseudonymised by the parser) under silver's
-- names, codes and types: the one place where a contract field becomes a silver column.
select
    MaHoSo                                                        as dossier_id,
    ThoiDiemDongBo                                                as last_synced_at,
    MaTTHC                                                        as procedure_code,
    -- the dossier's own TenTTHC is free text and never parsed; the ingest names it from the catalogue
    cast(null as string)                                          as procedure_name,
    MaLinhVuc                                                     as sector_code,
    DonViXuLy                                                     as unit_code,
    case KenhThucHien when 2 then 'ONLINE' when 3 then 'POSTAL' else 'IN_PERSON' end as channel,
    case when NoiNopHoSo is null then null when NoiNopHoSo = 1 then 'REMOTE' when NoiNopHoSo = 2 then 'DESK'
        else 'ASSISTED' end                                       as submitted_from,
    case when LoaiDoiTuong is null then null when LoaiDoiTuong = 1 then 'CITIZEN' else 'BUSINESS' end as applicant_type,
    SoGiayToChuHoSo                                               as applicant_key,
    cast(TrangThaiHoSo as int)                                    as status,
    NgayNopHoSo                                                   as submitted_at,
    NgayTiepNhan                                                  as received_at,
    NgayHenTra                                                    as due_at,
    NgayKetThucXuLy                                               as finished_at,
    NgayTra                                                       as returned_at,
    NgayTuChoi                                                    as refused_at,
    NgayNhanHoSoGiay                                              as paper_received_at,
    coalesce(HoSoCoThanhPhanSoHoa = 1, false)
        or coalesce(exists(TaiLieuNop, d -> d.DuocSoHoa = 1), false)  as is_digitized,
    coalesce(exists(TaiLieuNop, d -> d.DuocTaiSuDung = 1 or d.DuocLayTuKhoDMQG = 1), false) as is_reused,
    coalesce(TaiKhoanDuocXacThucVoiVNeID = 1, false)              as is_vneid,
    coalesce(DuocThanhToanTrucTuyen in (1, 2), false)             as paid_online,
    coalesce(aggregate(DanhSachLePhi, 0D, (total, fee) -> total + coalesce(fee.Gia, 0D)), 0D) as fee_total,
    coalesce(exists(DanhSachGiayToKetQua, r -> r.DuongDanTepTinKetQua is not null), false) as has_e_result,
    -- not coalesce(size(..)): size(null) is -1 in Spark's default settings
    case when DanhSachHoSoBoSung is null then 0 else size(DanhSachHoSoBoSung) end as supplement_count,
    coalesce(size(TaiLieuNop) > 0, false)                         as has_documents,
    coalesce(exists(TaiLieuNop, d -> d.DuocLayTuKhoDMQG = 1), false) as from_personal_store,
    coalesce(size(DanhSachLePhi) > 0 and forall(DanhSachLePhi, fee -> fee.Gia = 0), false) as fee_list_all_zero,
    -- the latest request by its request time (array_max orders structs field by field: the request time first)
    array_max(transform(filter(DanhSachHoSoBoSung, r -> r.NgayYeuCauBoSung is not null),
        r -> named_struct('at', r.NgayYeuCauBoSung, 'answered', r.NgayTiepNhanBoSung))).at       as last_supplement_requested_at,
    array_max(transform(filter(DanhSachHoSoBoSung, r -> r.NgayYeuCauBoSung is not null),
        r -> named_struct('at', r.NgayYeuCauBoSung, 'answered', r.NgayTiepNhanBoSung))).answered as last_supplement_answered_at,
    coalesce(aggregate(filter(DanhSachHoSoBoSung, r -> r.NgayYeuCauBoSung is not null and r.NgayTiepNhanBoSung is not null),
        0L, (total, r) -> total + (unix_seconds(r.NgayTiepNhanBoSung) - unix_seconds(r.NgayYeuCauBoSung))), 0L) as supplement_seconds,
    -- the reader's lineage and rejection columns, passed through (the quarantine and the counts read them)
    export_date, export_file, export_line, line_hash, reason_code, reason, raw_masked
from parsed_dossiers

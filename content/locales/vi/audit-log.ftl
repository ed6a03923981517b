# Nhật ký thao tác trên bảng điều khiển: chỉ quản trị viên xem được.

audit-log-nav = Nhật ký
audit-log-nav-about = Ai đã làm gì, khi nào: mọi thao tác được ghi lại, mới nhất trước.
audit-log-title = Nhật ký thao tác
audit-log-intro = Mọi thao tác đều được ghi lại ở đây, mới nhất trước. Chỉ quản trị viên xem được trang này.
audit-log-filter-label = Lọc nhật ký
audit-log-action = Thao tác
audit-log-any-action = Mọi thao tác
audit-log-who = Người thực hiện
audit-log-who-hint = Tên có chứa…
audit-log-from = Từ ngày
audit-log-to = Đến ngày
audit-log-apply = Lọc
audit-log-clear = Bỏ lọc
audit-log-column-when = Thời điểm
audit-log-column-who = Người thực hiện
audit-log-column-action = Thao tác
audit-log-column-about = Liên quan
audit-log-column-detail = Chi tiết
audit-log-ticket = Phiếu #{ $id }
audit-log-none = Không có mục nào khớp.
audit-log-pages = Các trang nhật ký
audit-log-page = Trang { $page }
audit-log-newer = ← Mới hơn
audit-log-older = Cũ hơn →

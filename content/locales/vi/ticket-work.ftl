# Một ngày làm việc của cán bộ với phiếu: hạn trả lời, ghi chú nội bộ, câu trả lời mẫu, giao cho người.

home-work-title = Việc đang chờ
home-new = Phiếu mới: { $count }
home-waiting = Đang chờ trả lời: { $count }
home-overdue = Quá hạn: { $count }
home-mine = Phiếu giao cho tôi: { $count }
home-column-new = Mới
home-column-waiting = Đang chờ
home-column-overdue = Quá hạn
home-no-department = Chưa giao đơn vị
home-nothing-waiting = Không có phiếu nào đang chờ.

ticket-deadline-label = Hạn trả lời lần đầu
ticket-deadline-overdue = Quá hạn
ticket-deadline-due = hạn { $due }
ticket-deadline-filter-overdue = Phiếu quá hạn
ticket-deadline-scope-open = Đang mở
ticket-deadline-scope-waiting = Đang chờ trả lời
ticket-deadline-no-department = chưa giao đơn vị
ticket-deadline-card-due = ⏳ Hạn trả lời: { $due }
ticket-deadline-card-overdue = ⏰ <b>Quá hạn trả lời</b> (hạn { $due })
ticket-deadline-reminder-group = ⏰ <b>{ $count } phiếu quá hạn trả lời lần đầu:</b>
ticket-deadline-reminder-personal = ⏰ <b>{ $count } phiếu giao cho anh/chị đã quá hạn trả lời:</b>
ticket-deadline-reminder-line = • { $code } · { $department } · hạn { $due }

ticket-note-title = Ghi chú nội bộ
ticket-note-private = Chỉ cán bộ thấy; người gửi không bao giờ nhận được ghi chú.
ticket-note-label = Ghi chú mới
ticket-note-add = Lưu ghi chú
ticket-note-done = Đã lưu ghi chú.
ticket-note-refused = Ghi chú trống hoặc quá dài (tối đa 2000 ký tự).

ticket-assignee-label = Cán bộ xử lý
ticket-assignee-nobody = Chưa giao cho ai
ticket-assignee-give = Giao phiếu
ticket-assignee-mine = Phiếu giao cho tôi
ticket-assignee-done = Đã giao phiếu { $code }.
ticket-assignee-refused = Không giao được: tài khoản này không tồn tại, đã bị khóa hoặc không có quyền xử lý phiếu.

saved-answer-title = Câu trả lời mẫu
saved-answer-about = Câu trả lời dùng lại theo lĩnh vực. Viết { "{name}" } ở chỗ tên người gửi; phiếu ẩn danh sẽ dùng cách xưng hô chung.
saved-answer-none = Chưa có câu trả lời mẫu nào.
saved-answer-add-title = Thêm câu trả lời mẫu
saved-answer-field-title = Tên mẫu
saved-answer-field-text = Nội dung
saved-answer-every-topic = Mọi lĩnh vực
saved-answer-name-hint = { "{name}" } sẽ được thay bằng tên người gửi (hoặc “anh/chị” nếu phiếu ẩn danh).
saved-answer-save = Lưu
saved-answer-delete = Xóa
saved-answer-saved = Đã lưu câu trả lời mẫu “{ $title }”.
saved-answer-deleted = Đã xóa câu trả lời mẫu.
saved-answer-pick = Câu trả lời mẫu
saved-answer-use = Dùng mẫu này
saved-answer-neutral-name = anh/chị
saved-answer-refused-title = Tên mẫu trống hoặc quá dài (tối đa 120 ký tự).
saved-answer-refused-text = Nội dung trống hoặc quá dài.
saved-answer-refused-topic = Lĩnh vực không có trong nội dung.

# Lịch sử phiếu (nhóm cán bộ và trang quản trị).
mod-action-note = ghi chú nội bộ
mod-action-assign_person = giao cho cán bộ
web-tickets-action-note = viết ghi chú nội bộ
web-tickets-action-assign_person = giao cho cán bộ

## Saved answers from a card in the officials' group
mod-button-saved = 📋 Câu trả lời mẫu
mod-button-saved-send = ✅ Gửi câu trả lời này
mod-saved-choose = Chọn câu trả lời mẫu cho phiếu <code>{ $code }</code> (lĩnh vực của phiếu trước, rồi mẫu dùng cho mọi lĩnh vực):
mod-saved-none = Chưa có câu trả lời mẫu nào cho lĩnh vực của phiếu này. Thêm mẫu trên trang quản trị, mục Câu trả lời mẫu.
mod-saved-preview =
    📋 <b>{ $title }</b> — phiếu <code>{ $code }</code>
    Người dân sẽ nhận đúng nội dung sau:

    { $text }
saved-answer-gone = Câu trả lời mẫu này không còn dùng được cho phiếu này (đã bị xóa hoặc không thuộc lĩnh vực của phiếu). Mở lại phiếu để chọn mẫu khác.

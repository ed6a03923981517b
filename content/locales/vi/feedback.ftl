## Góp ý, phản ánh của người dân và việc xử lý của cán bộ. Mọi khóa phải có trong en/feedback.ftl.

command-feedback = Gửi góp ý, phản ánh
command-myfeedback = Góp ý bạn đã gửi
command-answers = Các góp ý đã được trả lời (công khai)
command-cancel = Hủy góp ý đang viết
command-queue = Phiếu đang mở
command-ticket = Xem một phiếu theo mã
command-stats = Thống kê góp ý
command-ban = Chặn người gửi (theo mã phiếu)
command-unban = Bỏ chặn người gửi
menu-feedback = ✍️ Góp ý
menu-answers = 🔎 Dân kiểm tra

## Hội thoại /feedback
feedback-choose-topic =
    ✍️ <b>Góp ý, phản ánh</b>
    Ý kiến của bạn được gửi tới cán bộ phụ trách Chương trình. Chọn lĩnh vực:
feedback-topic-other = 📝 Lĩnh vực khác
feedback-resumed = ⏸ Bạn có một góp ý đang viết dở, tiếp tục từ bước này (gõ /cancel để bỏ).
feedback-ask-text =
    Lĩnh vực: <b>{ $topic }</b>
    Hãy viết nội dung góp ý trong một tin nhắn (tối đa { $max } ký tự). Có thể gửi kèm một ảnh có chú thích.
feedback-ask-attachments =
    ✅ Đã ghi nội dung.
    Bạn có thể gửi thêm một ảnh 📷 hoặc vị trí 📍 (không bắt buộc), rồi bấm «Tiếp tục».
feedback-photo-saved = 📷 Đã nhận ảnh. Gửi vị trí nếu muốn, rồi bấm «Tiếp tục».
feedback-photo-needs-text = 📷 Đã nhận ảnh. Hãy viết vài dòng mô tả nội dung góp ý.
feedback-location-saved = 📍 Đã nhận vị trí. Gửi ảnh nếu muốn, rồi bấm «Tiếp tục».
feedback-ask-identity = Cán bộ có được biết tên bạn không? Nếu chọn ẩn danh, cán bộ chỉ thấy nội dung.
feedback-summary =
    <b>Kiểm tra lại góp ý</b>
    Lĩnh vực: { $topic }
    Nội dung: { $text }
feedback-summary-photo = 📷 Kèm ảnh
feedback-summary-location = 📍 Kèm vị trí
feedback-summary-named = 👤 Gửi với tên: { $name }
feedback-summary-anonymous = 🕶 Gửi ẩn danh
feedback-summary-confirm = Bấm «Gửi» để gửi, hoặc «Hủy».
feedback-sent =
    ✅ Đã gửi góp ý. Mã phiếu: <b>{ $code }</b>
    Cán bộ sẽ xem xét; bạn sẽ nhận thông báo mỗi khi phiếu được xử lý. Xem lại bằng /myfeedback.
feedback-already-sent = Góp ý này đã được gửi rồi. Xem /myfeedback.
feedback-cancelled = Đã hủy góp ý đang viết.
feedback-nothing-to-cancel = Không có góp ý nào đang viết.
feedback-banned = Rất tiếc, tài khoản của bạn tạm thời không thể gửi góp ý. Bạn vẫn có thể tra cứu số liệu và chính sách.
feedback-too-many = Bạn đã gửi { $limit } góp ý trong 24 giờ qua. Bạn có thể gửi tiếp sau { $time }. Cảm ơn bạn đã quan tâm!
feedback-too-long = Nội dung dài { $length } ký tự, vượt quá { $limit } ký tự cho phép. Hãy rút gọn rồi gửi lại; góp ý của bạn vẫn đang chờ ở bước này.
feedback-too-short = Nội dung còn quá ngắn. Hãy viết rõ hơn một chút về điều bạn muốn góp ý.
feedback-duplicate = Bạn đã gửi nội dung này trong phiếu <b>{ $code }</b>, phiếu vẫn đang được xử lý. Xem /myfeedback, hoặc viết nội dung khác.
feedback-unknown-topic = Lĩnh vực này không còn trong danh sách. Hãy chọn lại lĩnh vực; nội dung bạn đã viết vẫn được giữ.
feedback-no-draft = Không có góp ý nào đang viết (có thể đã gửi, đã hủy hoặc quá hạn). Gõ /feedback để bắt đầu.
feedback-attachment-unsupported = Ở bước này mình nhận chữ, một ảnh hoặc một vị trí.
button-continue = Tiếp tục ➡️
button-show-name = 👤 Cho biết tên tôi ({ $name })
button-show-name-plain = 👤 Cho biết tên tôi
button-anonymous = 🕶 Ẩn danh
button-send = ✅ Gửi
button-cancel = ✖️ Hủy
button-change-topic = ✏️ Đổi lĩnh vực
ask-committee-sent = ✅ Đã gửi câu hỏi tới Ban Chỉ đạo (ẩn danh). Mã phiếu: { $code }. Theo dõi bằng /myfeedback.
ask-committee-already = Câu hỏi này đã được gửi, mã phiếu { $code }. Theo dõi bằng /myfeedback.
ask-committee-not-yours = Nút này không dùng được cho bạn.

## Trạng thái phiếu
ticket-status-new = 🆕 Mới gửi
ticket-status-approved = 📥 Đã tiếp nhận
ticket-status-assigned = 🏢 Đã chuyển xử lý
ticket-status-answered = 💬 Đã trả lời
ticket-status-reopened = 🔁 Mở lại
ticket-status-resolved = ✅ Đã giải quyết
ticket-status-rejected = 🚫 Không tiếp nhận
ticket-status-closed = 📁 Đã đóng
reject-reason-spam = tin rác, quảng cáo
reject-reason-abusive = ngôn từ xúc phạm
reject-reason-off_topic = không thuộc phạm vi Chương trình
reject-reason-duplicate = trùng với phản ánh đã có

## /myfeedback
myfeedback-title = 📬 <b>Góp ý của bạn</b> ({ $total }) — trang { $page }/{ $pages }
myfeedback-empty = Bạn chưa gửi góp ý nào. Gõ /feedback để gửi.
myfeedback-line = <b>{ $code }</b> · { $status } · { $date }
ticket-detail =
    <b>Phiếu { $code }</b> · { $status }
    Lĩnh vực: { $topic }
    Gửi ngày: { $date }

    { $text }
ticket-detail-department = 🏢 Đơn vị xử lý: { $department }
ticket-detail-reply =
    💬 <b>Trả lời</b> ({ $date }):
    { $text }
ticket-detail-rating = ⭐ Bạn đã đánh giá: { $stars }/5
ticket-detail-rejected = Lý do không tiếp nhận: { $reason }
ticket-ask-resolution = Câu trả lời đã giải quyết được vấn đề của bạn chưa?
ticket-ask-rating = Bạn chấm câu trả lời mấy sao?
ticket-resolved-thanks = Cảm ơn bạn! Phiếu { $code } đã được đánh dấu là đã giải quyết.
ticket-reopened = Phiếu { $code } đã được mở lại; cán bộ sẽ xem xét thêm.
ticket-rated = Cảm ơn bạn đã đánh giá { $stars }/5.
ticket-not-found = Không tìm thấy phiếu này.
ticket-invalid-move = Phiếu đang ở trạng thái «{ $status }» nên không thể làm việc này.
button-resolved = 👍 Đã giải quyết
button-not-resolved = 👎 Chưa giải quyết
button-my-tickets = 📬 Góp ý của tôi
button-previous = ◀️ Trước
button-next = Sau ▶️

## Thông báo cho người dân
notify-approved = 📥 Phiếu <b>{ $code }</b> đã được cán bộ tiếp nhận.
notify-assigned = 🏢 Phiếu <b>{ $code }</b> đã được chuyển tới { $department } để xử lý.
notify-answered =
    💬 Phiếu <b>{ $code }</b> có câu trả lời:

    { $text }
notify-rejected = 🚫 Phiếu <b>{ $code }</b> không được tiếp nhận: { $reason }.
notify-closed = 📁 Phiếu <b>{ $code }</b> đã được đóng. Cảm ơn bạn đã góp ý!
notify-published = 📢 Câu trả lời cho phiếu <b>{ $code }</b> đã được công khai trong /answers (thông tin cá nhân đã được che).

## /answers: sổ công khai
register-title = 🔎 <b>Dân kiểm tra</b>: các góp ý đã được trả lời ({ $total }) — trang { $page }/{ $pages }
register-empty = Chưa có góp ý nào được công khai câu trả lời.
register-entry =
    <b>{ $code }</b> · { $topic } · { $date } · { $status }
    ❓ { $question }
    💬 { $answer }
register-masked-note = <i>Thông tin cá nhân (tên, số điện thoại, email, số giấy tờ) đã được che bằng ***.</i>

## Cán bộ: phiếu trong nhóm quản trị
mod-card-title = 🗂 <b>Phiếu { $code }</b> · { $status }
mod-card-topic = Lĩnh vực: { $topic }
mod-card-author = Người gửi: { $name }
mod-card-anonymous = Người gửi: ẩn danh
mod-card-filed = Gửi lúc: { $time }
mod-card-photo = 📷 Có ảnh đính kèm
mod-card-location = 📍 <a href="{ $url }">Vị trí trên bản đồ</a>
mod-card-group = 👥 { $count } người dân cùng phản ánh việc này (nhóm { $code })
mod-card-group-first = 👥 { $count } người dân cùng phản ánh việc này
mod-card-department = 🏢 Giao: { $department }
mod-card-reject-reason = Lý do từ chối: { $reason }
mod-card-published = 📢 Đã công khai trong /answers
mod-card-rating = ⭐ Người dân đánh giá: { $stars }/5
mod-card-reply = 💬 { $name } ({ $time }): { $text }
mod-card-history = <b>Lịch sử</b>
mod-history-line = • { $time } · { $who }: { $action }
mod-action-filed = gửi phiếu
mod-action-approve = duyệt
mod-action-reject = từ chối
mod-action-assign = giao xử lý
mod-action-answer = trả lời
mod-action-close = đóng
mod-action-published = công khai
mod-action-unpublished = thôi công khai
mod-action-resolved = xác nhận đã giải quyết
mod-action-reopened = báo chưa giải quyết (mở lại)
mod-action-rated = đánh giá
mod-who-resident = người dân
mod-who-anonymous = người dân (ẩn danh)
mod-button-approve = ✅ Duyệt
mod-button-reject = 🚫 Từ chối
mod-button-reply = 💬 Trả lời
mod-button-assign = 🏢 Giao
mod-button-close = 📁 Đóng
mod-button-publish = 📢 Công khai
mod-button-unpublish = 🙈 Thôi công khai
mod-button-photo = 📷 Xem ảnh
mod-button-back = ↩️ Quay lại
mod-choose-reason = Chọn lý do từ chối phiếu { $code }:
mod-choose-department = Giao phiếu { $code } cho đơn vị:
mod-reply-prompt = ✍️ <a href="tg://user?id={ $user_id }">{ $name }</a>, hãy trả lời (reply) tin nhắn này để gửi câu trả lời cho phiếu { $code }.
mod-reply-placeholder = Câu trả lời cho phiếu { $code }
mod-reply-sent = ✅ Đã gửi câu trả lời cho phiếu { $code } tới người dân.
mod-reply-text-only = Câu trả lời cần là văn bản. Hãy trả lời lại lời nhắc bằng chữ.
mod-reply-too-long = Câu trả lời dài { $length } ký tự, vượt quá { $limit }. Hãy rút gọn rồi trả lời lại lời nhắc.
mod-reply-empty = Câu trả lời đang trống. Hãy trả lời lại lời nhắc bằng nội dung.
mod-prompt-used = Lời nhắc này đã được dùng. Bấm «Trả lời» trên phiếu để viết câu trả lời mới.
mod-not-official = Chỉ cán bộ được phân quyền mới làm được việc này.
mod-invalid-move = Không thể { $move } phiếu đang ở trạng thái «{ $status }».
mod-move-approve = duyệt
mod-move-reject = từ chối
mod-move-assign = giao
mod-move-answer = trả lời
mod-move-close = đóng
mod-move-confirm_resolved = xác nhận đã giải quyết
mod-move-reopen = mở lại
mod-done = Đã cập nhật phiếu { $code }.
mod-nothing-to-publish = Phiếu { $code } chưa có câu trả lời để công khai.
mod-unknown-department = Đơn vị này không còn trong danh sách.
mod-ticket-not-found = Không tìm thấy phiếu { $code }.
mod-queue-title = 📥 <b>Phiếu đang mở</b>: { $total } — trang { $page }/{ $pages }
mod-queue-empty = 🎉 Không còn phiếu nào đang mở.
mod-queue-line = <b>{ $code }</b> · { $status } · { $topic } · { $age }
mod-ticket-usage = Cú pháp: <code>/ticket MÃ_PHIẾU</code>
mod-ban-usage = Cú pháp: <code>/ban MÃ_PHIẾU [lý do]</code> hoặc <code>/ban ID_NGƯỜI_DÙNG [lý do]</code>
mod-unban-usage = Cú pháp: <code>/unban MÃ_PHIẾU</code> hoặc <code>/unban ID_NGƯỜI_DÙNG</code>
mod-banned = 🔒 Đã chặn người gửi { $target }: họ không gửi được góp ý mới.
mod-unbanned = 🔓 Đã bỏ chặn người gửi { $target }.
mod-stats-title = 📈 <b>Thống kê góp ý</b>: { $total } phiếu, { $answered } đã có trả lời
mod-stats-by-status = <b>Theo trạng thái</b>
mod-stats-by-topic = <b>Theo lĩnh vực</b>
mod-stats-line = • { $name }: { $count }
mod-stats-median = ⏱ Thời gian tới câu trả lời đầu tiên (trung vị): { $duration }
mod-stats-no-answer = ⏱ Chưa có phiếu nào được trả lời.
duration-days = { $days } ngày { $hours } giờ
duration-hours = { $hours } giờ { $minutes } phút
duration-minutes = { $minutes } phút

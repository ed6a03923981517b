# Residents' consent to publishing, their data and its erasure (Decree 13/2023/NĐ-CP).

feedback-ask-consent =
    <b>Công khai câu hỏi?</b>
    Cán bộ có thể đăng câu hỏi của bạn kèm câu trả lời trong mục công khai /answers để người dân khác cùng theo dõi. Tên, số điện thoại, địa chỉ và các thông tin cá nhân khác sẽ được che đi; bản gốc chỉ cán bộ xem.
    Bạn có đồng ý cho công khai không? Bạn có thể rút lại sự đồng ý bất cứ lúc nào trong /myfeedback.
button-consent-yes = ✅ Đồng ý công khai (đã che thông tin cá nhân)
button-consent-no = 🔒 Không, chỉ gửi cán bộ
feedback-summary-consent = 📢 Cho phép công khai (đã che thông tin cá nhân)
feedback-summary-no-consent = 🔒 Không công khai
ticket-detail-consent = 📢 Bạn cho phép công khai phiếu này.
ticket-detail-no-consent = 🔒 Phiếu này không được công khai.
button-withdraw-consent = 🔒 Rút lại đồng ý công khai
ticket-consent-withdrawn = Đã rút lại đồng ý: phiếu { $code } không còn công khai.
mod-no-publish-consent = Người dân không đồng ý công khai phiếu { $code }.
mod-button-publish-confirm = 📢 Xác nhận công khai
mod-publish-preview =
    <b>Bản công khai của phiếu { $code }</b> (thông tin cá nhân đã được che; bản gốc vẫn chỉ cán bộ xem)

    <b>Câu hỏi:</b> { $question }

    <b>Trả lời:</b> { $answer }

    Công khai bản này trong /answers?
web-tickets-refused-consent = Người dân không đồng ý công khai phiếu này.
web-tickets-public-version = Bản công khai
web-tickets-public-version-hint = Nội dung sẽ hiện trong /answers. Thông tin cá nhân đã được che; khi công khai, hệ thống che lại một lần nữa. Bản gốc không bao giờ được công khai.
web-tickets-public-no-consent = Người dân không đồng ý công khai phiếu này.
web-tickets-publish-version = Công khai bản này

command-mydata = Dữ liệu danbiet lưu về bạn
command-forgetme = Xóa danh tính của bạn
command-privacy = Quyền riêng tư và dữ liệu cá nhân
mydata-empty = danbiet không lưu dữ liệu nào gắn với bạn.
mydata-title = <b>Dữ liệu danbiet lưu về bạn</b>
mydata-profile = Mã người dùng Telegram: { $id } · ngôn ngữ: { $lang } · lần đầu: { $first } · gần nhất: { $last }
mydata-no-subscription = Nhận tin kết quả: không
mydata-subscription = Nhận tin kết quả: có ({ $topics })
mydata-all-topics = mọi lĩnh vực
mydata-tickets = Phiếu góp ý: { $count }
mydata-ticket = • <b>{ $code }</b> — { $status } — { $date } — { $named } — { $consent }
mydata-ticket-public = cho phép công khai
mydata-ticket-private = không công khai
mydata-ticket-anonymous = ẩn danh
mydata-ticket-named = có tên
mydata-questions = Câu hỏi đã gửi (lưu để cải thiện câu trả lời): { $count }
mydata-draft = Một góp ý đang soạn dở (/feedback để tiếp tục, /cancel để hủy).
mydata-footer = Xóa danh tính: /forgetme · Chính sách: /privacy
forgetme-ask =
    <b>Xóa danh tính của bạn?</b>
    danbiet sẽ xóa: tên, tên Telegram, ngôn ngữ, đăng ký nhận tin và góp ý đang soạn. Các phiếu góp ý vẫn được giữ để thống kê nhưng ẩn danh: không còn gắn với bạn, không còn ảnh, vị trí, và thông tin cá nhân trong nội dung được che. Bạn sẽ không xem lại được các phiếu này trong /myfeedback.
    Việc này không thể hoàn tác.
button-forget-confirm = 🗑 Xóa danh tính của tôi
forgetme-done = Đã xóa danh tính của bạn. { $tickets } phiếu góp ý được giữ lại ở dạng ẩn danh để thống kê. Nếu bạn nhắn tin tiếp, danbiet bắt đầu một hồ sơ mới.
forgetme-cancelled = Đã hủy, không xóa gì.
privacy-policy =
    <b>Quyền riêng tư (theo Nghị định 13/2023/NĐ-CP)</b>
    <b>danbiet lưu gì:</b> mã người dùng Telegram, ngôn ngữ, thời điểm dùng; câu hỏi bạn gửi (để cải thiện câu trả lời); đăng ký nhận tin; phiếu góp ý (nội dung, ảnh, vị trí, tên nếu bạn cho biết).
    <b>Ai xem:</b> chỉ cán bộ xử lý góp ý. Câu hỏi chỉ được công khai trong /answers khi bạn đồng ý, ở bản đã che tên, số điện thoại, địa chỉ và thông tin cá nhân khác; bản gốc không bao giờ công khai. Bạn rút lại đồng ý trong /myfeedback.
    <b>Bao lâu:</b> thông tin cá nhân trong phiếu đã đóng được ẩn danh sau { $months } tháng.
    <b>Quyền của bạn:</b> /mydata xem dữ liệu; /forgetme xóa danh tính (phiếu được giữ ẩn danh để thống kê); /unsubscribe ngừng nhận tin.
mod-action-consent_withdrawn = rút lại đồng ý công khai
mod-action-anonymised = ẩn danh hóa dữ liệu cá nhân
web-tickets-action-consent_withdrawn = rút lại đồng ý công khai
web-tickets-action-anonymised = ẩn danh hóa dữ liệu cá nhân

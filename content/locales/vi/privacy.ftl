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

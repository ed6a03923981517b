## danbiet: Vietnamese catalog (the default). Every key here must also exist in en/main.ftl.

welcome =
    Xin chào { $name }! 👋
    Mình là <b>danbiet</b> — "dân biết": kết quả thực hiện { $programme } được công khai để người dân biết, bàn và kiểm tra.

    Bạn có thể:
    • gõ câu hỏi, ví dụ <i>tỷ lệ hộ nghèo</i>, <i>bao phủ BHYT</i>, <i>có bao nhiêu việc làm mới</i> — mình trả lời bằng số liệu đã công bố, kèm kỳ báo cáo và nguồn;
    • xem các chỉ tiêu và chính sách hỗ trợ theo lĩnh vực;
    • gõ <code>@{ $bot } hộ nghèo</code> trong bất kỳ cuộc trò chuyện nào để chia sẻ số liệu.

    Mình không bao giờ tự đặt ra con số: nếu chưa có số liệu công bố, mình sẽ nói rõ.
help =
    <b>Hướng dẫn sử dụng</b>
    Gõ câu hỏi bằng tiếng Việt (có dấu hay không dấu đều được) hoặc tiếng Anh.

    /indicators — các chỉ tiêu theo lĩnh vực
    /policies — các chính sách hỗ trợ
    /faq — câu hỏi thường gặp
    /feedback — gửi góp ý, phản ánh tới cán bộ
    /myfeedback — góp ý bạn đã gửi và kết quả xử lý
    /answers — các góp ý đã được trả lời (công khai)
    /mydata — dữ liệu danbiet lưu về bạn; /forgetme — xóa danh tính của bạn
    /privacy — quyền riêng tư và dữ liệu cá nhân
    /cancel — hủy góp ý đang viết
    /subscribe — nhận kết quả hằng quý (dừng nhận: /unsubscribe)
    /language — đổi ngôn ngữ (Tiếng Việt / English)
    /start — màn hình chính
    <code>@{ $bot } hộ nghèo</code> — gõ trong bất kỳ cuộc trò chuyện hay nhóm nào để tìm và chia sẻ số liệu (chế độ inline)

    Mỗi câu trả lời ghi rõ kỳ báo cáo, kế hoạch, tiến độ và <b>nguồn</b>.
menu-indicators = 📊 Chỉ tiêu
menu-policies = 📜 Chính sách
menu-faq = ❓ Hỏi đáp
menu-language = 🌐 Ngôn ngữ
menu-help = ℹ️ Hướng dẫn
menu-subscribe = 🔔 Nhận kết quả hằng quý
button-back-faqs = ⬅️ Các câu hỏi thường gặp
button-menu = 🏠 Màn hình chính
button-back-areas = ⬅️ Các lĩnh vực
button-back-area = ⬅️ Cùng lĩnh vực
button-share = 📤 Chia sẻ vào nhóm
button-ask-committee = ✉️ Gửi câu hỏi tới Ban Chỉ đạo
button-outdated = Nút này đã cũ hoặc không hợp lệ. Gõ /start để mở lại màn hình chính.
indicator-areas-title = 📊 <b>Chỉ tiêu theo lĩnh vực</b>. Chọn một lĩnh vực:
policy-areas-title = 📜 <b>Chính sách hỗ trợ theo lĩnh vực</b>. Chọn một lĩnh vực:
faq-title = ❓ <b>Câu hỏi thường gặp</b>
history-title = 🕒 <b>Qua các kỳ báo cáo:</b>
history-line = • { $period }: { $statement }
figure-line = <b>{ $quantity }</b> — { $period }
period-line = Kỳ báo cáo: <b>{ $period }</b>
extra-figure-line = ▫️ { $label }: <b>{ $quantity }</b>
target-default-label = Kế hoạch
target-line = 🎯 { $label }: { $quantity }
progress-line = { $bar } đạt { $percent }% kế hoạch
progress-reported-line = { $bar } đạt { $percent }% kế hoạch (theo báo cáo)
change-up = 📈 Tăng { $percent }% so với cùng kỳ năm trước
change-down = 📉 Giảm { $percent }% so với cùng kỳ năm trước
status-achieved = ✅ Tình trạng: đã hoàn thành
status-basically-achieved = ✅ Tình trạng: cơ bản đã hoàn thành
qualifier-over = trên
qualifier-more-than = hơn
qualifier-about = khoảng
qualifier-nearly = gần
qualifier-equivalent = tương đương
date-estimated = { $date } (ngày ước tính)
status-on-track = 🟢 Tình trạng: đang thực hiện theo kế hoạch
status-hard = ⚠️ Tình trạng: được báo cáo là chỉ tiêu khó
status-reported = ℹ️ Tình trạng: số liệu đã báo cáo
source-line =
    <i>“{ $quote }”</i>
    📄 Nguồn: { $report }, { $date }
source-unknown =
    <i>“{ $quote }”</i>
    📄 Nguồn: báo cáo của Ban Chỉ đạo
policy-document = Văn bản: <b>{ $document }</b>
policy-issuer = Cơ quan ban hành: { $issuer }
question-too-long = Tin nhắn này dài quá để tra cứu. Bạn hãy hỏi ngắn gọn (dưới 1.000 ký tự), ví dụ: <i>tỷ lệ hộ nghèo là bao nhiêu?</i>
question-no-words = Mình chưa đọc được câu hỏi trong tin nhắn này. Bạn hãy gõ bằng chữ, ví dụ: <i>tỷ lệ hộ nghèo</i>.
answer-ambiguous = Bạn muốn hỏi về nội dung nào dưới đây?
answer-none =
    Mình chưa tìm thấy số liệu đã công bố nào trả lời câu hỏi này, nên mình không đưa ra con số nào.
    Câu hỏi đã được ghi lại để cán bộ xem xét. Bạn có thể xem các chỉ tiêu đã công bố ở nút bên dưới.
language-choose = 🌐 Chọn ngôn ngữ / Choose your language:
language-vi = 🇻🇳 Tiếng Việt
language-en = 🇬🇧 English
language-set = Đã chuyển sang tiếng Việt.
deep-link-unknown = Liên kết này không còn dẫn tới nội dung nào. Đây là màn hình chính:
unsupported-message = Mình chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi, ví dụ: <i>tỷ lệ bao phủ BHYT</i>.
unknown-command = Mình không có lệnh này. Gõ /help để xem các lệnh.
error-generic = Xin lỗi, mình gặp sự cố khi xử lý tin nhắn này. Bạn thử lại sau ít phút nhé.
command-start = Màn hình chính
command-indicators = Các chỉ tiêu theo lĩnh vực
command-policies = Các chính sách hỗ trợ
command-faq = Câu hỏi thường gặp
command-language = Đổi ngôn ngữ
command-help = Hướng dẫn sử dụng

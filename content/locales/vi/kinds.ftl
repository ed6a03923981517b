## Tin nhắn không phải câu hỏi tra cứu (content/message_kinds.py): chào hỏi, cảm ơn; trường
## hợp riêng và cách làm thủ tục; chủ đề ngoài phạm vi. Mọi khoá ở đây đều phải có trong en/kinds.ftl.

kind-small-talk =
    { $kind ->
        [thanks] Không có gì ạ! 😊
        [farewell] Tạm biệt bạn, hẹn gặp lại! 👋
        [about_bot] Mình là một bot (chương trình máy tính), không phải cán bộ. 🤖 Câu hỏi cần cán bộ trả lời, bạn có thể gửi qua nút ✍️ Góp ý (lệnh /feedback).
        [confused] Xin lỗi, để mình nói rõ hơn. 🙂
        [acknowledgement] Vâng ạ! 🙂
       *[greeting] Xin chào bạn! 👋
    }
    Mình là <b>danbiet</b>: mình trả lời bằng số liệu đã công bố của Chương trình 08-CTr/TU. Bạn có thể hỏi, ví dụ:
    • <i>tỷ lệ hộ nghèo của Hà Nội là bao nhiêu?</i>
    • <i>giải quyết việc làm được bao nhiêu lao động?</i>
    • <i>tỷ lệ bao phủ bảo hiểm y tế</i>
kind-out-of-scope =
    Câu này nằm ngoài phạm vi của mình. 🙏
    Mình chỉ trả lời về Chương trình 08-CTr/TU của Thành ủy Hà Nội về an sinh xã hội: các chỉ tiêu (giảm nghèo, việc làm, bảo hiểm, y tế, giáo dục…), các chính sách hỗ trợ và báo cáo kết quả, bằng số liệu đã công bố. Ví dụ: <i>tỷ lệ hộ nghèo</i>, <i>bao phủ bảo hiểm y tế</i>.
kind-personal =
    Mình không thể xét một trường hợp riêng hay làm thủ tục thay bạn: việc đó cần cán bộ xem hồ sơ cụ thể. Bạn có thể liên hệ:
kind-personal-office = • <b>{ $name }</b>: { $role }.
kind-personal-source = { "   " }📄 Theo: { $report }, { $date }
# Nơi không có báo cáo nêu vai trò: các văn bản chính thức quy định vai trò đó (content/guidance/where_to_go.yaml).
kind-personal-official = { "   " }📄 Căn cứ: { $documents }
kind-personal-offer = Bạn cũng có thể gửi câu hỏi này tới cán bộ (ẩn danh) chỉ bằng một lần bấm nút bên dưới.

## Cán bộ: /questions, các câu hỏi chưa có lời đáp, gộp theo nghĩa.
command-questions = Câu hỏi chưa có lời đáp
mod-questions-title = ❓ <b>Câu hỏi chưa có lời đáp</b> ({ $count } nhóm hỏi nhiều nhất, gộp các cách hỏi cùng nghĩa). Soạn một câu hỏi thường gặp cho mỗi nhóm trên trang quản trị.
mod-questions-line = • <b>{ $times }×</b> { $text }
mod-questions-wordings = { "   " }↳ { $count } cách hỏi, ví dụ: <i>{ $examples }</i>
mod-questions-none = Chưa có câu hỏi nào về chương trình mà bot chưa trả lời được.

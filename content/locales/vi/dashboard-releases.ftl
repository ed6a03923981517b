# Các bản phát hành nội dung, bản nháp và duyệt bốn mắt (bot/web/content.py, templates/content/).
release-not-draft = Bản phát hành đã công bố thì không sửa được nữa: hãy tạo bản nháp mới từ bản đang dùng.
content-draft-changed = Có người vừa lưu bản nháp này (phiên bản { $current }, bạn sửa phiên bản { $expected }). Không có gì bị ghi đè: hãy xem phiên bản mới rồi làm lại.
content-draft-own = Bạn đã sửa bản nháp này nên không thể tự duyệt: cần một người duyệt khác.
content-draft-has-problems = Bản nháp còn { $count } lỗi: sửa hết rồi mới duyệt được.

## The officials' web dashboard: frame, sign-in, errors. Vietnamese; every key is also in en/dashboard.ftl.

web-app-name = danbiet · Bảng điều khiển cán bộ
web-nav-label = Các mục
web-nav-tickets = Phản ánh
web-nav-tickets-about = Duyệt, phân công, trả lời và xuất danh sách phản ánh của người dân.
web-nav-stats = Thống kê
web-nav-stats-about = Phản ánh theo trạng thái, lĩnh vực và tuần; câu hỏi chưa có lời đáp.
web-nav-broadcasts = Gửi tin
web-nav-broadcasts-about = Soạn, xem trước, gửi hoặc hẹn giờ gửi kết quả cho người đăng ký.
web-nav-content = Nội dung
web-nav-content-about = Các chỉ tiêu, chính sách đang công bố cho người dân, kèm nguồn và kết quả kiểm tra.
web-nav-accounts = Tài khoản
web-nav-accounts-about = Tài khoản cán bộ trên bảng điều khiển và vai trò của từng người.
web-language-vi = Tiếng Việt
web-language-en = English
web-role-moderator = Kiểm duyệt viên
web-role-broadcaster = Biên tập gửi tin
web-role-administrator = Quản trị viên
web-sign-out = Đăng xuất
web-back-home = Về trang đầu
web-home-title = Trang đầu
web-home-greeting = Xin chào, { $name }

web-login-title = Đăng nhập
web-login-username = Tên đăng nhập
web-login-password = Mật khẩu
web-login-submit = Đăng nhập
web-login-bad-credentials = Tên đăng nhập hoặc mật khẩu không đúng.
web-login-locked = Đăng nhập sai quá nhiều lần: tài khoản tạm khóa đến { $until }. Vui lòng thử lại sau hoặc nhờ quản trị viên mở khóa.
web-login-hint = Tài khoản do quản trị viên cấp bằng lệnh danbiet officials add. Phiên đăng nhập tự kết thúc khi để lâu không dùng.

web-error-forbidden-title = Không có quyền
web-error-forbidden = Vai trò của bạn không được làm việc này. Nếu cần, hãy nhờ quản trị viên cấp quyền.
web-error-not-found-title = Không tìm thấy
web-error-not-found = Trang hoặc mục bạn tìm không có (có thể đã bị xóa hoặc đường dẫn sai).
web-error-csrf-title = Biểu mẫu đã hết hạn
web-error-csrf = Biểu mẫu này không còn hợp lệ (có thể bạn đã đăng xuất hoặc mở từ trang khác). Hãy tải lại trang và làm lại.
web-error-server-title = Có lỗi xảy ra
web-error-server = Hệ thống gặp lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. Vui lòng thử lại sau ít phút.

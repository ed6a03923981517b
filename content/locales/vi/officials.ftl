# Rejection with a reason, words and a referral; accounts; exports (issue 17).

## Rejection: the group's confirm screens and the resident's notice
reject-confirm-title = 🚫 Không tiếp nhận phiếu <b>{ $code }</b> — lý do: { $reason }
reject-confirm-referral = ➡️ Hướng dẫn người dân tới: <b>{ $office }</b>
reject-confirm-choose-referral = ➡️ Nếu có nơi phụ trách việc này, chọn bên dưới để hướng dẫn người dân.
reject-confirm-words = ✍️ Lời nhắn tới người dân: «{ $words }»
reject-confirm-words-hint = ✍️ Muốn gửi kèm lời nhắn cho người dân? Trả lời (reply) tin này bằng lời nhắn. Xong thì bấm Xác nhận.
reject-button-confirm = ✅ Xác nhận không tiếp nhận
reject-button-no-referral = ✖️ Không hướng dẫn nơi khác
reject-words-missing = Không còn thấy lời nhắn: hãy trả lời lại tin xác nhận bằng lời nhắn.
reject-words-text-only = Lời nhắn phải là văn bản. Hãy trả lời lại tin xác nhận bằng chữ.
reject-referral-unfit = Chỉ hướng dẫn tới nơi khác khi phiếu không thuộc phạm vi Chương trình, và chỉ tới các cơ quan có trong danh sách.
reject-notice-words = ✍️ Lời nhắn của cán bộ: { $words }
reject-notice-referral = ➡️ Việc này do <b>{ $office }</b> phụ trách ({ $role }). Bạn có thể liên hệ trực tiếp nơi này.

## Rejection on the dashboard
reject-web-choose = — Chọn lý do —
reject-web-words = Lời nhắn tới người dân (không bắt buộc)
reject-web-referral = Hướng dẫn tới (khi không thuộc phạm vi Chương trình)
reject-web-no-referral = Không hướng dẫn nơi khác
reject-web-fits = phù hợp với nội dung phiếu
reject-web-next = Xem lại trước khi không tiếp nhận…
reject-web-confirm-title = Xác nhận không tiếp nhận phiếu { $code }
reject-web-confirm-intro = Người dân sẽ nhận được tin nhắn dưới đây. Kiểm tra rồi bấm Xác nhận.
reject-web-confirm = Xác nhận không tiếp nhận
reject-web-cancel = Quay lại phiếu

## Accounts
account-manage = Quản lý { $username }
account-new-role = Vai trò mới
account-change-role = Đổi vai trò
account-reset-password = Tạo mật khẩu mới
account-typed-password = Hoặc đặt mật khẩu
account-set-password = Đặt mật khẩu
account-rules = Bạn không thể thay đổi tài khoản của chính mình; phải luôn còn ít nhất một quản trị viên đang hoạt động. Khóa tài khoản, đổi mật khẩu hay đổi vai trò đều đăng xuất tài khoản đó ở mọi nơi.
account-role-changed = Tài khoản { $username } nay có vai trò { $role }; tài khoản này cần đăng nhập lại.
account-password-set = Đã đặt mật khẩu mới cho { $username }; mọi phiên đăng nhập cũ đã kết thúc.
account-last-administrator = Không thể khóa hay đổi vai trò của quản trị viên cuối cùng đang hoạt động: hãy cấp quyền quản trị cho người khác trước.
account-password-title = Mật khẩu mới cho { $username }
account-password-intro = Mật khẩu mới của { $username } (mọi phiên đăng nhập cũ đã kết thúc):
account-password-once = Mật khẩu chỉ hiện một lần trên trang này và không được lưu ở đâu. Hãy trao trực tiếp cho người dùng và đề nghị họ không chia sẻ.

## Exports (the column's header follows the other columns' keys)
web-tickets-column-answer = Câu trả lời

## Rejection: on the ticket afterwards
reject-web-words-sent = Lời nhắn đã gửi
reject-web-referred = Đã hướng dẫn tới
reject-words-too-long = Lời nhắn dài { $length } ký tự, vượt quá { $limit }. Hãy rút gọn rồi trả lời lại tin xác nhận.

-- Scope a class-council member to one class.
-- params: $user_id (INTEGER), $class_id (INTEGER)
insert into user_class (user_id, class_id)
values ($user_id, $class_id)

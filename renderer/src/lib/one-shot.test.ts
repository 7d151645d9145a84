import { describe, expect, it } from 'vitest';
import { oneShot } from './one-shot';

function counter() {
  const calls: string[] = [];
  const call = (input: { q: string }) => {
    calls.push(input.q);
    return Promise.resolve(`answer ${input.q} #${calls.length}`);
  };
  return { calls, shot: oneShot(call) };
}

describe('one-shot prefetch', () => {
  it('hands the primed answer to the first request with the same input, without a new call', async () => {
    const { calls, shot } = counter();
    shot.prime({ q: 'a' });
    expect(await shot.take({ q: 'a' })).toBe('answer a #1');
    expect(calls).toEqual(['a']);
  });

  it('is used once: a second request makes a new call', async () => {
    const { calls, shot } = counter();
    shot.prime({ q: 'a' });
    await shot.take({ q: 'a' });
    expect(await shot.take({ q: 'a' })).toBe('answer a #2');
    expect(calls).toEqual(['a', 'a']);
  });

  it('is dropped by a request for another input, which gets its own answer', async () => {
    const { calls, shot } = counter();
    shot.prime({ q: 'a' });
    expect(await shot.take({ q: 'b' })).toBe('answer b #2');
    // the primed answer is gone: the same input as the prefetch now calls again
    expect(await shot.take({ q: 'a' })).toBe('answer a #3');
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('passes a failed prefetch on to the request that takes it', async () => {
    const shot = oneShot((_: number) => Promise.reject(new Error('engine down')));
    shot.prime(1);
    await expect(shot.take(1)).rejects.toThrow('engine down');
  });
});

describe('one-shot peek (the first render shows an answer that is already here)', () => {
  it('shows nothing before the answer arrives, then the answer for the same input only', async () => {
    const { calls, shot } = counter();
    shot.prime({ q: 'a' });
    expect(shot.peek({ q: 'a' })).toBeUndefined();
    await shot.settled();
    expect(shot.peek({ q: 'a' })).toBe('answer a #1');
    expect(shot.peek({ q: 'b' })).toBeUndefined();
    // peeking does not use it up; take still hands over the same answer without a new call
    expect(await shot.take({ q: 'a' })).toBe('answer a #1');
    expect(shot.peek({ q: 'a' })).toBeUndefined();
    expect(calls).toEqual(['a']);
  });

  it('drop forgets the primed answer: the next request calls again', async () => {
    const { calls, shot } = counter();
    shot.prime({ q: 'a' });
    await shot.settled();
    shot.drop();
    expect(shot.peek({ q: 'a' })).toBeUndefined();
    expect(await shot.take({ q: 'a' })).toBe('answer a #2');
    expect(calls).toEqual(['a', 'a']);
  });

  it('never shows a failed answer, and settled resolves for it too', async () => {
    const shot = oneShot((_: number) => Promise.reject(new Error('engine down')));
    shot.prime(1);
    await shot.settled();
    expect(shot.peek(1)).toBeUndefined();
    await expect(shot.take(1)).rejects.toThrow('engine down');
  });

  it('settled resolves at once when nothing was primed', async () => {
    const { shot } = counter();
    await expect(shot.settled()).resolves.toBeUndefined();
  });
});

describe('one-shot primeWith (an answer the page came with)', () => {
  it('is shown at once and handed out once, without a call', async () => {
    const { calls, shot } = counter();
    shot.primeWith({ q: 'a' }, 'embedded');
    expect(shot.peek({ q: 'a' })).toBe('embedded');
    expect(shot.peek({ q: 'b' })).toBeUndefined();
    expect(await shot.take({ q: 'a' })).toBe('embedded');
    expect(await shot.take({ q: 'a' })).toBe('answer a #1');
    expect(calls).toEqual(['a']);
  });
});
